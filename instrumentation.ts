// Runs once when a server process starts (next start, next dev), before any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The client address for the sign-in throttle and the audit log: from the socket, not from a header a client can forge.
  const { installClientAddressHeader } = await import("@/lib/access/client-address");
  installClientAddressHeader();
  const { quietClientAborts } = await import("@/lib/http/quiet-client-aborts");
  quietClientAborts();
  // x-middleware-rewrite would show the internal page a request was rewritten to.
  const { dropInternalResponseHeaders } = await import("@/lib/http/internal-response-headers");
  dropInternalResponseHeaders();
}
