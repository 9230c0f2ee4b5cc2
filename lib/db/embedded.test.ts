// The embedded database under concurrent clients. The socket server runs one client's message
// at a time on PGlite's single session; without batch affinity (scripts/pglite-batch-affinity.mjs)
// an extended-protocol batch (Parse/Bind/Execute/Sync) of one client could be split by another's
// Parse, which replaced the unnamed statement: "bind message supplies 1 parameters, but
// prepared statement "" requires 2", or — with compatible shapes — another query's rows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "./embedded";

let db: EmbeddedDatabase;
const PADDING = "x".repeat(200_000);
const dir = mkdtempSync(path.join(tmpdir(), "embedded-db-test-"));

beforeAll(async () => {
  db = await startEmbeddedDatabase({ dataDir: path.join(dir, "data") });
}, 120_000);
afterAll(async () => {
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("embedded database, many clients at once", () => {
  it("every client gets its own query's rows: 8 clients × 150 parameterised queries of different shapes", async () => {
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        return client;
      }),
    );
    await clients[0]!.query("CREATE TABLE t_many (n int)");
    try {
      const errors: string[] = [];
      let wrong = 0;
      await Promise.all(
        clients.map(async (client, c) => {
          for (let q = 0; q < 150; q++) {
            try {
              // Odd clients one parameter, even clients two: a stolen statement cannot go unnoticed.
              if (c % 2 === 1) {
                // Writes: PGlite yields to the event loop on its file system, where another client's message slips in.
                const { rows } = await client.query<{ v: number; who: string }>(
                  "INSERT INTO t_many (n) VALUES ($1::int * 10) RETURNING n AS v, 'one' AS who",
                  [q],
                );
                if (rows[0]?.v !== q * 10 || rows[0]?.who !== "one") wrong++;
              } else {
                // A Bind larger than one socket read (a long parameter): the batch arrives in parts, Parse first.
                const { rows } = await client.query<{ v: number; who: string }>(
                  "SELECT $1::int + length($2::text) AS v, 'two' AS who",
                  [q, PADDING],
                );
                if (rows[0]?.v !== q + PADDING.length || rows[0]?.who !== "two") wrong++;
              }
            } catch (error) {
              errors.push((error as Error).message);
            }
          }
        }),
      );
      expect(errors.slice(0, 3)).toEqual([]);
      expect(wrong).toBe(0);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  }, 120_000);

  it("a transaction keeps its client: another client's rows never enter it", async () => {
    const a = new pg.Client({ connectionString: db.url });
    const b = new pg.Client({ connectionString: db.url });
    await a.connect();
    await b.connect();
    try {
      await a.query("CREATE TABLE IF NOT EXISTS t_affinity (n int)");
      await a.query("BEGIN");
      await a.query("INSERT INTO t_affinity VALUES ($1)", [1]);
      const other = b.query("INSERT INTO t_affinity VALUES ($1)", [2]);
      await a.query("ROLLBACK");
      await other;
      const { rows } = await a.query<{ n: number }>("SELECT n FROM t_affinity ORDER BY n");
      expect(rows.map((r) => r.n)).toEqual([2]);
    } finally {
      await a.end();
      await b.end();
    }
  }, 60_000);

  it("a client that leaves mid-batch does not stop the others", async () => {
    const { connect } = await import("node:net");
    const socket = connect(db.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4);
    const ready = new Promise<void>((resolve) =>
      socket.on("data", (d: Buffer) => d.includes(Buffer.from([0x5a, 0, 0, 0, 5])) && resolve()),
    );
    socket.write(Buffer.concat([startup, params]));
    await ready;
    // Parse, then nothing: its batch stays open until it goes.
    const body = Buffer.from("\0SELECT 1\0\0\0");
    const parse = Buffer.alloc(5);
    parse.write("P", 0);
    parse.writeInt32BE(4 + body.length, 1);
    socket.write(Buffer.concat([parse, body]));
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      const { rows } = await other.query<{ v: number }>("SELECT $1::int AS v", [7]);
      expect(rows).toEqual([{ v: 7 }]);
    } finally {
      await other.end();
    }
  }, 30_000);
});
