// One hook on every request any HTTP server of this process receives, run before the server's
// own handler (Next's) sees it: for what must hold for every request alike — the client address
// and the forwarding headers (lib/access/client-address.ts), the security headers
// (./security-headers.ts). Installed from instrumentation.ts, once per process and name.
import http from "node:http";

type RequestHook = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/** Runs `hook` on each request before its handler; a second call with the same name does nothing. */
export function onEveryRequest(name: string, hook: RequestHook): void {
  const marker = Symbol.for(`dashboard.${name}`);
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...args: unknown[]) => boolean };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: unknown, ...args: unknown[]) {
    if (event === "request") hook(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
    return emit.call(this, event, ...args);
  };
}
