import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir, readMigrations } from "@/lib/db/migrate";
import { prismaMigrateDeploy } from "@/lib/db/schema-engine";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const tables = (url: string) =>
  query<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  ).then((rows) => rows.map((r) => r.table_name));

const onDisk = readMigrations();

describe("applyMigrations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("finds the migrations in Prisma's layout", () => {
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk[0]!.name).toMatch(/^\d{14}_init$/);
  });

  it("creates the tables and records each migration with Prisma's checksum", async () => {
    expect(await tables(db.url)).toEqual([]);

    const applied = await applyMigrations(db.url);
    expect(applied).toEqual(onDisk.map((m) => m.name));

    expect(await tables(db.url)).toEqual(
      expect.arrayContaining([
        "AuditEvent",
        "MonthVersion",
        "MonthlyStat",
        "MonthlySummary",
        "ReportMonth",
        "Unit",
        "Upload",
        "User",
        "_prisma_migrations",
      ]),
    );
    const rows = await query<{
      id: string;
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
      logs: string | null;
    }>(db.url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.name));
    for (const row of rows) {
      const file = readFileSync(path.join(defaultMigrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    // The generated client works on the result.
    expect(await db.prisma.unit.count()).toBe(0);
  });

  it("is idempotent: a second run applies nothing", async () => {
    expect(await applyMigrations(db.url)).toEqual([]);
    const [{ n }] = (await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"')) as [
      { n: number },
    ];
    expect(n).toBe(onDisk.length);
  });

  it("writes a history that Prisma's own engine accepts (what `prisma migrate deploy` checks)", async () => {
    const prisma = await prismaMigrateDeploy(db.url, defaultMigrationsDir, onDisk);
    expect(prisma.history).toBeNull();
    expect(prisma.editedMigrationNames).toEqual([]);
    expect(prisma.failedMigrationNames).toEqual([]);
    expect(prisma.appliedMigrationNames).toEqual([]);
  });
});

describe("applyMigrations, concurrency and failures", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(defaultMigrationsDir, dir, { recursive: true });
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("applies each migration once when several runners start together", async () => {
    const runs = await Promise.all([1, 2, 3].map(() => applyMigrations(db.url, { migrationsDir: dir })));
    expect(runs.flat().sort()).toEqual(onDisk.map((m) => m.name).sort());
  });

  it("rolls a failing migration back, records the attempt as rolled back, and retries it next time", async () => {
    const name = "29990101000000_broken";
    mkdirSync(path.join(dir, name));
    writeFileSync(
      path.join(dir, name, "migration.sql"),
      'CREATE TABLE "Partial" (id int);\nSELECT no_such_function();\n',
    );

    await expect(applyMigrations(db.url, { migrationsDir: dir })).rejects.toThrow(
      /29990101000000_broken failed and was rolled back/,
    );
    expect(await tables(db.url)).not.toContain("Partial");
    const rows = await query<{ finished_at: Date | null; rolled_back_at: Date | null; logs: string | null }>(
      db.url,
      'SELECT finished_at, rolled_back_at, logs FROM "_prisma_migrations" WHERE migration_name = $1',
      [name],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.finished_at).toBeNull();
    expect(rows[0]!.rolled_back_at).toBeInstanceOf(Date);
    expect(rows[0]!.logs).toMatch(/no_such_function/);

    writeFileSync(path.join(dir, name, "migration.sql"), 'CREATE TABLE "Partial" (id int);\n');
    expect(await applyMigrations(db.url, { migrationsDir: dir })).toEqual([name]);
    expect(await tables(db.url)).toContain("Partial");
  });
});

describe("applyMigrations after Prisma's engine", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("applies nothing on a database that Prisma's engine migrated", async () => {
    const prisma = await prismaMigrateDeploy(db.url, defaultMigrationsDir, onDisk);
    expect(prisma.appliedMigrationNames).toEqual(onDisk.map((m) => m.name));
    expect(await applyMigrations(db.url)).toEqual([]);
  });
});
