// A page served from Next's page cache is written to the response as the same JavaScript string on
// every request (send-payload.js: `res.end(payload)`), and Node encodes it to UTF-8 each time. Our
// pages hold Chinese text, so the string is two-byte and its encoding is the largest cost per byte of
// serving a cached page: about 1 ms for the 88 kB board, against 0.3 ms for the same bytes as a Buffer
// (measured on a bare node:http server, issue 23). The bench's ceiling, an ASCII table, hardly pays it.
// So the bytes of a large body string are kept, in a bounded map from the string to its UTF-8 Buffer,
// and written instead: the same bytes on the wire (Next has already set Content-Length from the
// string). A lookup of the string the cache handed out again costs a pointer comparison. Installed
// once per process by instrumentation.ts.
import http from "node:http";

/** Only bodies at least this long (UTF-16 code units) are kept: a small one encodes in no time. */
export const MIN_KEPT_LENGTH = 16 * 1024;
/** At most this many bytes of encoded bodies are kept, the least recently written dropped first. */
export const DEFAULT_MAX_KEPT_BYTES = 32 * 1024 * 1024;

const INSTALLED = Symbol.for("dashboard.reuseEncodedBodies");

export type EncodedBodies = { size(): number; bytes(): number };

/** Makes every ServerResponse of this process write large UTF-8 string bodies from kept bytes. Idempotent. */
export function reuseEncodedBodies(
  proto = http.ServerResponse.prototype,
  maxBytes = DEFAULT_MAX_KEPT_BYTES,
): EncodedBodies {
  const marked = proto as typeof proto & { [INSTALLED]?: EncodedBodies };
  if (marked[INSTALLED]) return marked[INSTALLED];
  // Insertion order is use order: a use moves the body to the end.
  const kept = new Map<string, Buffer>();
  let keptBytes = 0;
  const encoded = (body: string): Buffer => {
    let bytes = kept.get(body);
    if (bytes) {
      kept.delete(body);
    } else {
      bytes = Buffer.from(body, "utf8");
      keptBytes += bytes.length;
    }
    kept.set(body, bytes);
    while (keptBytes > maxBytes && kept.size > 1) {
      const [oldest, oldBytes] = kept.entries().next().value as [string, Buffer];
      kept.delete(oldest);
      keptBytes -= oldBytes.length;
    }
    return bytes;
  };
  const end = proto.end;
  proto.end = function (this: http.ServerResponse, ...args: unknown[]) {
    const [chunk, encoding] = args;
    if (
      typeof chunk === "string" &&
      chunk.length >= MIN_KEPT_LENGTH &&
      (encoding === undefined || typeof encoding === "function" || encoding === "utf8" || encoding === "utf-8")
    ) {
      const callback = typeof encoding === "function" ? encoding : args[2];
      return (end as (chunk: Buffer, callback?: unknown) => http.ServerResponse).call(this, encoded(chunk), callback);
    }
    return (end as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof proto.end;
  const state: EncodedBodies = { size: () => kept.size, bytes: () => keptBytes };
  marked[INSTALLED] = state;
  return state;
}
