// Both row writers on the same rows: COPY (PostgreSQL) and the batched INSERTs the embedded
// PGlite gets must store exactly the same values, escapes and NULLs included. InsertWriter runs
// on PostgreSQL too, so both are checked on whichever server the tests have.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { CopyWriter, copyField, InsertWriter, isPglite, type RowWriter } from "./copy-writer";

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: false });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const COLUMNS = ["no", "name", "days", "at", "flag"] as const;
const ROWS: Array<[string, string | null, number | null, string | null, boolean]> = [
  ["1", "plain", 5, "2021-06-01 08:00:00", true],
  ["2", "tab\there", null, null, false],
  ["3", "back\\slash \\t not a tab", 0, "2021-06-30 23:59:59", true],
  ["4", "line\nbreak and\rreturn", 3650, "2021-06-15 12:00:00", false],
  ["5", "\\N", 1, null, true],
  ["6", null, null, null, false],
  ["7", "中文名称（全角）", 2, "2021-06-02 00:00:00", true],
];

async function load(make: (table: string) => RowWriter, table: string) {
  await client.query(
    `CREATE TABLE "${table}" ("no" text NOT NULL, "name" text, "days" integer, "at" timestamp(0), "flag" boolean NOT NULL)`,
  );
  const writer = make(table);
  for (const [no, name, days, at, flag] of ROWS) {
    const wait = writer.write(
      `${copyField(no)}\t${copyField(name)}\t${copyField(days)}\t${copyField(at)}\t${copyField(flag)}\n`,
    );
    if (wait) await wait;
  }
  await writer.end();
  const { rows } = await client.query(
    `SELECT "no", "name", "days", to_char("at", 'YYYY-MM-DD HH24:MI:SS') AS "at", "flag" FROM "${table}" ORDER BY "no"`,
  );
  return rows.map((r) => [r.no, r.name, r.days, r.at, r.flag]);
}

describe("row writers", () => {
  it("InsertWriter stores exactly what it is given (escapes undone, \\N as NULL)", async () => {
    expect(await load((t) => new InsertWriter(client, t, COLUMNS), "w_insert")).toEqual(ROWS);
  });

  it("CopyWriter stores the same on PostgreSQL", async () => {
    if (await isPglite(client)) return; // COPY FROM STDIN cannot pass pglite-socket (see InsertWriter)
    expect(await load((t) => new CopyWriter(client, t, COLUMNS), "w_copy")).toEqual(ROWS);
  });

  it("InsertWriter.abort leaves nothing", async () => {
    await client.query(
      `CREATE TABLE "w_abort" ("no" text NOT NULL, "name" text, "days" integer, "at" timestamp(0), "flag" boolean NOT NULL)`,
    );
    const writer = new InsertWriter(client, "w_abort", COLUMNS);
    // Over the 4 MB batch, so that one INSERT ran inside the writer's transaction before the abort.
    const line = `1\t${"x".repeat(1000)}\t1\t\\N\tt\n`;
    for (let i = 0; i < 5000; i++) {
      const wait = writer.write(line);
      if (wait) await wait;
    }
    await writer.abort();
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "w_abort"`);
    expect(rows[0].n).toBe(0);
  });
});
