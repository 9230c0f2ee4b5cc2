// Auth.js's logger (the `logger` option of lib/access/auth.ts). Its default prints a
// stack trace of ~17 lines for every failed sign-in, and another for every anonymous
// POST to /api/auth/session (MissingCSRF): what any client can cause at will filled the
// log (issue 19, information). Those expected refusals are one line here, without the
// stack (the audit log has the details of a sign-in failure); anything else keeps its
// stack and cause, as before.

/** Refusals a client provokes by asking wrongly: not faults of the server. */
const EXPECTED = new Set([
  "CredentialsSignin",
  "MissingCSRF",
  "UnknownAction",
  "AccessDenied",
  "Verification",
  "InvalidCheck",
]);

type Sink = (...parts: unknown[]) => void;

export function logAuthError(error: Error, sink: Sink = console.error): void {
  // Auth.js's errors carry their kind in `type` (read as data: Next bundles its own copy of the class).
  const kind = (error as { type?: unknown }).type;
  const type = typeof kind === "string" ? kind : error.name;
  // An AuthError's message ends with a link to Auth.js's error page; the first line says it.
  const message = (error.message.split("\n")[0] ?? "").replace(/\.?\s*Read more at https:\/\/\S+$/, "");
  if (EXPECTED.has(type)) {
    // A failed sign-in has no message, only its code (invalid, throttled): say that.
    const code = (error as { code?: unknown }).code;
    sink(`[auth] ${type}: ${message || (typeof code === "string" ? `code=${code}` : "")}`);
    return;
  }
  sink(`[auth][error] ${type}: ${message}`);
  const cause = error.cause as { err?: unknown } | undefined;
  if (cause && typeof cause === "object" && cause.err instanceof Error) sink("[auth][cause]:", cause.err.stack);
  else if (error.stack) sink(error.stack);
}

export function logAuthWarning(code: string, sink: Sink = console.warn): void {
  sink(`[auth][warn] ${code}`);
}
