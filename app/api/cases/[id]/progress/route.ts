// GET /api/cases/:id/progress: where a case upload is (bytes received per file, processing
// stage, rows read, status) for the page's poll. Admins only. A stale PROCESSING upload (its
// server stopped) is marked FAILED on this read.
import { guardRoute } from "@/lib/auth/guard";
import { readCaseUploadProgress } from "@/lib/queries/case-uploads";
import { idParam, paramNotFound } from "@/lib/route-params";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("data.manage");
  if (!guard.ok) return guard.response;
  const raw = (await params).id;
  const id = idParam(raw);
  if (id === null) return paramNotFound("upload", raw);
  const progress = await readCaseUploadProgress(id);
  if (!progress) return paramNotFound("upload", raw);
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
}
