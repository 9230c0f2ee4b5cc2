// A client that goes away mid-request (a closed tab, a cancelled upload) makes Node's request
// stream fail with "aborted" (code ECONNRESET). Next reads every request's body for proxy.ts
// before the route handler sees it, and when that read fails it logs the error with
// console.error (or as "uncaughtException: aborted" when it surfaces from a stream no one
// listens to). Nothing went wrong on the server: the request is gone and nothing was written
// (the upload route reads its body in a try/catch). Those lines are dropped, every other line
// is logged as before. Installed once per server process by instrumentation.ts.

/** Node's error for a request whose client closed the connection before the body ended. */
export function isClientAbort(value: unknown): boolean {
  return (
    value instanceof Error && value.message === "aborted" && (value as NodeJS.ErrnoException).code === "ECONNRESET"
  );
}

const INSTALLED = Symbol.for("dashboard.quietClientAborts");

/** Wraps `target.error` so that a call carrying a client-abort error prints nothing. Idempotent. */
export function quietClientAborts(target: Console = console): void {
  const marked = target as Console & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  const error = target.error.bind(target);
  target.error = (...args: unknown[]) => {
    if (args.some(isClientAbort)) return;
    error(...args);
  };
  marked[INSTALLED] = true;
}
