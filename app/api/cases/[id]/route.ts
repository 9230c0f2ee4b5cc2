// PUT /api/cases/:id?file=N&offset=BYTES (raw body, application/octet-stream, ≤ 8 MB): one chunk
// of file N of a case upload, appended at BYTES, which must equal what the server already holds
// (409 with { received } otherwise: the browser resumes from there). The chunk that completes
// the last file starts the processing. Admins only. Why chunks: lib/case-records/upload/limits.ts.

import { readCaseUploadForTransfer } from "@/lib/case-records/upload/case-uploads";
import { storedFiles } from "@/lib/case-records/upload/files";
import { startCaseProcessing } from "@/lib/case-records/upload/process-upload";
import { withUploadLock, writeChunk } from "@/lib/case-records/upload/receive-chunk";
import { receivedBytes } from "@/lib/case-records/upload/storage";
import { decimalParam, paramNotFound, UPLOAD_ID_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const PUT = withGuard("data.manage", { params: { id: UPLOAD_ID_PARAM } }, async ({ request, params, raw }) => {
  const { id } = params;
  if (request.headers.get("content-type") !== "application/octet-stream") {
    return Response.json({ error: "分块应为 application/octet-stream" }, { status: 415 });
  }
  const search = new URL(request.url).searchParams;
  // Canonical decimal only: Number() would also take "1e0", "0x0", "" or " 1" for the same value.
  const fileIndex = decimalParam(search.get("file"));
  const offset = decimalParam(search.get("offset"));
  if (offset === null) return Response.json({ error: "offset 无效" }, { status: 400 });
  return withUploadLock(id, async () => {
    const upload = await readCaseUploadForTransfer(id);
    if (!upload) return paramNotFound("upload", raw.id);
    const files = storedFiles(upload.files);
    const file = fileIndex === null ? undefined : files[fileIndex];
    if (!file || fileIndex === null)
      return Response.json({ error: `文件序号 ${search.get("file")} 无效` }, { status: 400 });
    if (upload.status !== "TRANSFERRING")
      return Response.json({ error: "该导入已不再接收文件", status: upload.status }, { status: 409 });
    const result = await writeChunk({
      id,
      fileIndex,
      fileSize: file.size,
      offset,
      contentLength: Number(request.headers.get("content-length") ?? "NaN"),
      body: request.body,
    });
    if (!result.ok) return Response.json({ error: result.error, received: result.received }, { status: result.status });
    const received = await Promise.all(files.map((_, n) => (n === fileIndex ? result.received : receivedBytes(id, n))));
    const complete = received.every((r, n) => r === files[n]!.size);
    const processing = complete ? await startCaseProcessing(id) : false;
    return Response.json({ received: result.received, complete, processing });
  });
});
