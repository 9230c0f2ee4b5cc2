// The body of POST /api/v1/cases, bounded: CSV (text/csv) or NDJSON (application/x-ndjson),
// optionally gzip (Content-Encoding: gzip). At most MAX_BODY_BYTES on the wire and again once
// decompressed (a small gzip may inflate to gigabytes). NDJSON becomes CSV with the first
// object's keys as the header (the same column labels as the files), so both go through the
// same reader and row checks; line n of the NDJSON is row n + 1 of the messages.
import { gunzipSync } from "node:zlib";

/** 32 MiB: a day's ~35,000 changed cases are ~5 MB of CSV. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export type BodyProblem = "tooLarge" | "badType" | "badEncoding" | "badGzip" | "badNdjson" | "emptyBody";

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly problem: BodyProblem,
    readonly extra: Record<string, string | number> = {},
  ) {
    super(problem);
  }
}

export type BodyFormat = "csv" | "ndjson";

export function bodyFormat(contentType: string | null): BodyFormat {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (["text/csv", "application/csv", "text/plain"].includes(type)) return "csv";
  if (["application/x-ndjson", "application/ndjson", "application/jsonl", "application/jsonlines"].includes(type))
    return "ndjson";
  throw new BodyError(415, "badType");
}

/** Reads the body, refusing it as soon as it passes the limit (not after holding all of it). */
async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyError(413, "tooLarge");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as CSV bytes (decompressed, NDJSON converted), and its format. */
export async function readBatchBody(
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<{ csv: Buffer; format: BodyFormat }> {
  const format = bodyFormat(request.headers.get("content-type"));
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip" && encoding !== "x-gzip") throw new BodyError(415, "badEncoding");
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, "tooLarge");
  let bytes = await readBounded(request.body, limit);
  if (encoding !== "identity") {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: limit });
    } catch (error) {
      if (error instanceof RangeError || (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
        throw new BodyError(413, "tooLarge");
      throw new BodyError(400, "badGzip");
    }
  }
  if (bytes.length === 0) throw new BodyError(400, "emptyBody");
  return { csv: format === "csv" ? bytes : ndjsonToCsv(bytes.toString("utf8")), format };
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** NDJSON (one JSON object per line; blank lines skipped) as CSV, the first object's keys the header. */
export function ndjsonToCsv(text: string): Buffer {
  const out: string[] = [];
  let header: string[] | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BodyError(400, "badNdjson", { line: i + 1 });
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new BodyError(400, "badNdjson", { line: i + 1 });
    const record = value as Record<string, unknown>;
    if (!header) {
      header = Object.keys(record);
      out.push(header.map(csvField).join(","));
    }
    out.push(header.map((key) => csvField(record[key])).join(","));
  }
  if (!header) throw new BodyError(400, "emptyBody");
  return Buffer.from(`${out.join("\n")}\n`, "utf8");
}
