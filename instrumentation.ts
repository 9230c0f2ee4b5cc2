// Runs once when a server process starts (next start, next dev), before any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { quietClientAborts } = await import("@/lib/server/quiet-client-aborts");
  quietClientAborts();
}
