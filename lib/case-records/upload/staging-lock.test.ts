// One staging at a time across app instances: a second one waits for the advisory lock.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPglite } from "@/lib/case-records/import/copy-writer";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { CASE_STAGING_LOCK_KEY, withCaseStagingLock } from "./staging-lock";

let db: TestDatabase;
// On the embedded PGlite every client shares one session: advisory locks do not exclude there
// (one server, whose own queue serialises its stagings).
let embedded = false;
beforeAll(async () => {
  db = await createTestDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  embedded = await isPglite(client);
  await client.end();
});
afterAll(async () => {
  await db?.drop();
});

describe("the case staging lock (PostgreSQL)", () => {
  it("a staging waits while another instance holds the lock, says so, and runs once it is released", async (ctx) => {
    if (embedded) ctx.skip();
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    await other.query("SELECT pg_advisory_lock($1)", [CASE_STAGING_LOCK_KEY]);
    const events: string[] = [];
    const staging = withCaseStagingLock(
      db.url,
      async () => {
        events.push("run");
        return 42;
      },
      () => events.push("waiting"),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual(["waiting"]);
    events.push("released");
    await other.end(); // a crashed holder's connection ends too: the lock goes with it
    expect(await staging).toBe(42);
    expect(events).toEqual(["waiting", "released", "run"]);
    // Released after the run: the next one does not wait.
    const next: string[] = [];
    await withCaseStagingLock(
      db.url,
      async () => void next.push("run"),
      () => next.push("waiting"),
    );
    expect(next).toEqual(["run"]);
  });
});
