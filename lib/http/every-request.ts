// One hook on every request any HTTP server of this process receives, run before the server's
// own handler (Next's) sees it: for what must hold for every request alike — the client address
// and the forwarding headers (lib/access/client-address.ts), the security headers
// (./security-headers.ts), the gate's plain case (lib/access/document-gate.ts). Installed from
// instrumentation.ts, once per process and name; the hook installed last runs first.
import http from "node:http";

/** A hook that returns a promise holds the request back from the handler until it settles. */
type RequestHook = (request: http.IncomingMessage, response: http.ServerResponse) => void | Promise<void>;

/** Runs `hook` on each request before its handler; a second call with the same name does nothing. */
export function onEveryRequest(name: string, hook: RequestHook): void {
  const marker = Symbol.for(`dashboard.${name}`);
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (...args: unknown[]) => boolean };
  if (proto[marker]) return;
  proto[marker] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: unknown, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const pending = hook(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
    if (!pending) return emit.call(this, event, ...args);
    // The handler runs once the hook has settled, whichever way (a hook that must not let a request
    // through on failure catches its own errors).
    const resume = () => emit.call(this, event, ...args);
    pending.then(resume, resume);
    return true;
  };
}
