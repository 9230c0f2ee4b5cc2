// GET /api/cases/:id/problems.csv: every row problem of a case upload (file, sheet, row, column,
// kind, severity, value, message; UTF-8 with BOM for Excel), streamed from disk. Admins only.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { readCaseUploadMonth } from "@/lib/case-records/upload/case-uploads";
import { caseProblemsCsvPath } from "@/lib/case-records/upload/storage";
import { paramNotFound, UPLOAD_ID_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const GET = withGuard("data.manage", { params: { id: UPLOAD_ID_PARAM } }, async ({ params: { id }, raw }) => {
  const upload = await readCaseUploadMonth(id);
  if (!upload) return paramNotFound("upload", raw.id);
  const path = caseProblemsCsvPath(id);
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) return Response.json({ error: "该导入没有问题清单（尚未处理或已放弃）" }, { status: 404 });
  const name = `case-import-${upload.month}-${id}-problems.csv`;
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
});
