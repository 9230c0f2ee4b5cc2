// Runs once when the server starts (Next's instrumentation hook).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The client address for the sign-in throttle and the audit log: from the socket, not from a header a client can forge.
  const { installClientAddressHeader } = await import("@/lib/auth/client-address");
  installClientAddressHeader();
}
