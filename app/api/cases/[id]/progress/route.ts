// GET /api/cases/:id/progress: where a case upload is (bytes received per file, processing
// stage, rows read, status) for the page's poll. Admins only. A stale PROCESSING upload (its
// server stopped) is marked FAILED on this read.

import { readCaseUploadProgress } from "@/lib/case-records/upload/case-uploads";
import { caseUploadRoute } from "@/lib/case-records/upload/upload-route";
import { paramNotFound } from "@/lib/http/route-params";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const route = await caseUploadRoute(params);
  if (!route.ok) return route.response;
  const { id, raw } = route;
  const progress = await readCaseUploadProgress(id);
  if (!progress) return paramNotFound("upload", raw);
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
}
