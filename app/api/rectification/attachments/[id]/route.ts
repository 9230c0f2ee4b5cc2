// GET /api/rectification/attachments/:id: one piece of evidence, to those who may see its task
// (a DEPARTMENT its own unit's only; anything else is a 404, as for an id that does not exist).
// Served as a download with its checked type, never rendered inline.
import { downloadResponse } from "@/lib/export/download";
import { idParam } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";
import { getAttachment, readStoredAttachment } from "@/lib/rectification/server";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: getMessages().rectification.refusals.notFound }, { status: 404 });

export const GET = withGuard("rectification.view", async ({ viewer, raw }) => {
  const id = idParam(raw.id ?? "");
  if (id === null) return notFound();
  const attachment = await getAttachment(viewer, id);
  if (!attachment) return notFound();
  const bytes = await readStoredAttachment(attachment.sha256);
  if (!bytes) return notFound();
  const ext = attachment.fileName.match(/\.[A-Za-z0-9]{1,5}$/)?.[0] ?? "";
  return downloadResponse(bytes, attachment.contentType, attachment.fileName, `evidence-${attachment.id}${ext}`);
});
