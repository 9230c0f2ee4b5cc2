// One staging at a time across every app instance. Each server queues its own uploads
// (process-upload.ts), but behind a load balancer several servers share one database and one
// machine's memory: a month's staging takes ~400 MB and a core, so two at once would double both
// and slow each. A PostgreSQL advisory lock, held on a connection of its own for the whole
// staging, makes the others wait their turn; it is released when that connection ends, so a
// crashed staging never holds it. (On the embedded PGlite all clients share one session and the
// lock does not exclude; there is only one server there, whose own queue suffices.)
import pg from "pg";

/** The lock's key: any constant the app uses for nothing else. */
export const CASE_STAGING_LOCK_KEY = 7_130_211;

export async function withCaseStagingLock<T>(
  databaseUrl: string,
  run: () => Promise<T>,
  onWait?: () => void,
): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const got = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      CASE_STAGING_LOCK_KEY,
    ]);
    if (!got.rows[0]?.locked) {
      onWait?.();
      await client.query("SELECT pg_advisory_lock($1)", [CASE_STAGING_LOCK_KEY]);
    }
    return await run();
  } finally {
    await client.end().catch(() => {});
  }
}
