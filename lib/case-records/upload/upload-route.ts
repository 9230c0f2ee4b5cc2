// What every route of a case upload (/api/cases/:id…) checks first: an admin (data.manage,
// as the path rule in lib/access/permissions.ts says) and an id that is an id.
import { guardRoute } from "@/lib/access/guard";
import { idParam, paramNotFound } from "@/lib/http/route-params";

export async function caseUploadRoute(
  params: Promise<{ id: string }>,
): Promise<{ ok: true; id: number; raw: string } | { ok: false; response: Response }> {
  const guard = await guardRoute("data.manage");
  if (!guard.ok) return { ok: false, response: guard.response };
  const raw = (await params).id;
  const id = idParam(raw);
  if (id === null) return { ok: false, response: paramNotFound("upload", raw) };
  return { ok: true, id, raw };
}
