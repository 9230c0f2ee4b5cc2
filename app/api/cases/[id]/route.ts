// PUT /api/cases/:id?file=N&offset=BYTES (raw body, application/octet-stream, ≤ 8 MB): one chunk
// of file N of a case upload, appended at BYTES, which must equal what the server already holds
// (409 with { received } otherwise: the browser resumes from there). The chunk that completes
// the last file starts the processing. Admins only. Why chunks: lib/case-records/upload/limits.ts.

import { storedFiles } from "@/lib/case-records/upload/files";
import { startCaseProcessing } from "@/lib/case-records/upload/process-upload";
import { withUploadLock, writeChunk } from "@/lib/case-records/upload/receive-chunk";
import { receivedBytes } from "@/lib/case-records/upload/storage";
import { caseUploadRoute } from "@/lib/case-records/upload/upload-route";
import { prisma } from "@/lib/db";
import { paramNotFound } from "@/lib/http/route-params";

export const dynamic = "force-dynamic";

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const route = await caseUploadRoute(params);
  if (!route.ok) return route.response;
  const { id, raw } = route;
  if (request.headers.get("content-type") !== "application/octet-stream") {
    return Response.json({ error: "分块应为 application/octet-stream" }, { status: 415 });
  }
  const search = new URL(request.url).searchParams;
  const fileIndex = Number(search.get("file"));
  const offset = Number(search.get("offset"));
  if (!Number.isInteger(offset) || offset < 0) return Response.json({ error: "offset 无效" }, { status: 400 });
  return withUploadLock(id, async () => {
    const upload = await prisma.caseUpload.findUnique({ where: { id }, select: { status: true, files: true } });
    if (!upload) return paramNotFound("upload", raw);
    const files = storedFiles(upload.files);
    const file = Number.isInteger(fileIndex) ? files[fileIndex] : undefined;
    if (!file) return Response.json({ error: `文件序号 ${search.get("file")} 无效` }, { status: 400 });
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
}
