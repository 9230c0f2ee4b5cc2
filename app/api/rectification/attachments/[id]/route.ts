// GET /api/rectification/attachments/:id: one piece of evidence, to those who may see its task
// (a DEPARTMENT its own unit's only; anything else is a 404, as for an id that does not exist).
// Served as a download with its checked type, never rendered inline — and only if its bytes still
// match the SHA-256 recorded at upload: else a 409 with the message, audited (altered or lost).
import { downloadResponse } from "@/lib/export/download";
import { idParam } from "@/lib/http/route-params";
import { localeOf } from "@/lib/http/same-origin";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";
import { getAttachment, getAttachmentBytes } from "@/lib/rectification/server";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: getMessages().rectification.refusals.notFound }, { status: 404 });

export const GET = withGuard("rectification.view", async ({ request, viewer, raw }) => {
  const id = idParam(raw.id ?? "");
  if (id === null) return notFound();
  const attachment = await getAttachment(viewer, id);
  if (!attachment) return notFound();
  const stored = await getAttachmentBytes(viewer, attachment, localeOf(request.headers));
  if (!stored.ok)
    return Response.json({ error: stored.message }, { status: 409, headers: { "Cache-Control": "private, no-store" } });
  const ext = attachment.fileName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? "";
  return downloadResponse(stored.bytes, attachment.contentType, attachment.fileName, `evidence-${attachment.id}${ext}`);
});
