// Next adds `x-middleware-rewrite: /zh-CN/2021-06` to the response of every request proxy.ts
// rewrites (next/dist/server/lib/router-utils/resolve-routes.js copies it into the routing
// response headers), showing the app's internal page tree (issue 19, information). Next has no
// option to leave it out; the App Router's client does not read it (its router uses
// x-nextjs-rewritten-path on RSC requests, which stays: the client keys its cache on it), so it
// is dropped here as Next sets it on the Node response. Installed once per server process by
// instrumentation.ts.
import http from "node:http";

/** Response headers that only Next's own routing reads. */
export const INTERNAL_RESPONSE_HEADERS = new Set(["x-middleware-rewrite"]);

const INSTALLED = Symbol.for("dashboard.dropInternalResponseHeaders");

/** Makes every ServerResponse of this process ignore setHeader for INTERNAL_RESPONSE_HEADERS. Idempotent. */
export function dropInternalResponseHeaders(proto = http.ServerResponse.prototype): void {
  const marked = proto as typeof proto & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;
  const setHeader = proto.setHeader;
  proto.setHeader = function (this: http.ServerResponse, name: string, value: number | string | readonly string[]) {
    if (INTERNAL_RESPONSE_HEADERS.has(String(name).toLowerCase())) return this;
    return setHeader.call(this, name, value);
  } as typeof proto.setHeader;
}
