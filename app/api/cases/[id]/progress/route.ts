// GET /api/cases/:id/progress: where a case upload is (bytes received per file, processing
// stage, rows read, status) for the page's poll. Admins only. A stale PROCESSING upload (its
// server stopped) is marked FAILED on this read.

import { readCaseUploadProgress } from "@/lib/case-records/upload/case-uploads";
import { paramNotFound, UPLOAD_ID_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const GET = withGuard("data.manage", { params: { id: UPLOAD_ID_PARAM } }, async ({ params: { id }, raw }) => {
  const progress = await readCaseUploadProgress(id);
  if (!progress) return paramNotFound("upload", raw.id);
  return Response.json(progress, { headers: { "Cache-Control": "no-store" } });
});
