import "server-only";
// One chunk of one file of a case upload: checked against what the disk already holds and
// written at its offset, streamed (never more than one read of the body in memory at a time).
// A body shorter than its Content-Length (a dropped connection, or a proxy that truncated it)
// is cut off again, so the file only ever holds whole chunks the server accepted.
import { open } from "node:fs/promises";
import { CASE_CHUNK_BYTES } from "./limits";
import { caseUploadFilePath, ensureCaseUploadDir, receivedBytes } from "./storage";

export type ChunkResult =
  | { ok: true; received: number }
  | { ok: false; status: number; error: string; received?: number };

// One writer per upload at a time (this process serves the app): two chunks racing for the
// same offset cannot both pass the offset check.
const locks = new Map<number, Promise<unknown>>();
export async function withUploadLock<T>(id: number, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(id) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.catch(() => {});
  locks.set(id, settled);
  try {
    return await run;
  } finally {
    if (locks.get(id) === settled) locks.delete(id);
  }
}

export async function writeChunk(input: {
  id: number;
  fileIndex: number;
  fileSize: number;
  offset: number;
  contentLength: number;
  body: ReadableStream<Uint8Array> | null;
}): Promise<ChunkResult> {
  const { id, fileIndex, fileSize, offset, contentLength } = input;
  if (!Number.isInteger(contentLength) || contentLength <= 0)
    return { ok: false, status: 411, error: "缺少 Content-Length 或分块为空" };
  if (contentLength > CASE_CHUNK_BYTES)
    return { ok: false, status: 413, error: `分块超过 ${CASE_CHUNK_BYTES / 1024 / 1024} MB` };
  if (offset + contentLength > fileSize)
    return { ok: false, status: 413, error: `分块超出文件声明的大小（${fileSize} 字节）` };
  if (!input.body) return { ok: false, status: 400, error: "请求没有内容" };
  const received = await receivedBytes(id, fileIndex);
  if (offset !== received)
    return { ok: false, status: 409, error: `偏移量 ${offset} 与已接收的 ${received} 字节不符`, received };

  await ensureCaseUploadDir(id);
  const handle = await open(caseUploadFilePath(id, fileIndex), received === 0 ? "w" : "r+");
  let written = 0;
  let tooLong = false;
  try {
    const reader = input.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (written + value.byteLength > contentLength) {
        tooLong = true;
        await reader.cancel();
        break;
      }
      await handle.write(value, 0, value.byteLength, offset + written);
      written += value.byteLength;
    }
  } catch {
    // The client went away: what arrived is cut off below.
  }
  try {
    if (tooLong || written !== contentLength) {
      await handle.truncate(offset);
      return tooLong
        ? { ok: false, status: 413, error: "分块比 Content-Length 长", received: offset }
        : {
            ok: false,
            status: 400,
            error: `分块不完整：收到 ${written} 字节，应为 ${contentLength} 字节`,
            received: offset,
          };
    }
  } finally {
    await handle.close();
  }
  return { ok: true, received: offset + written };
}
