// Applies prisma/migrations/*/migration.sql with plain `pg`, offline.
//
// Compatible with `prisma migrate deploy`: the same `_prisma_migrations` table
// (same columns, as Prisma's schema engine creates it), one row per applied
// migration with checksum = sha256 hex of migration.sql, finished_at and
// applied_steps_count = 1; migrations in the order Prisma lists them (directory
// names, localeCompare). A machine with Prisma's native engine sees the same
// history and applies nothing more.
//
// Differences from Prisma, on purpose:
// - each migration runs in its own transaction (Prisma runs the script as is):
//   a failing migration leaves nothing behind. Its attempt is still recorded,
//   with the error in `logs` and rolled_back_at set, which Prisma reads as
//   "failed, then rolled back" and ignores, so the next run simply retries.
// - a row that Prisma itself left failed (finished_at and rolled_back_at both
//   NULL) stops the run, as `prisma migrate deploy` would (P3009): resolve it
//   first (fix the database, then mark it rolled back or applied).
// - a migration that cannot run inside a transaction (CREATE INDEX
//   CONCURRENTLY, ALTER SYSTEM, VACUUM) is not supported here.
//
// Concurrency: a session-level advisory lock, the very key Prisma's engine uses
// (72707369), so two runners — ours or Prisma's — never interleave on
// PostgreSQL. pglite-server multiplexes every client onto one PGlite session, so
// there the lock is shared and does not exclude anyone; but the same server
// queues every other client while one is inside BEGIN…COMMIT, and each
// migration re-checks `_prisma_migrations` inside its own transaction before
// running, so two runners still apply each migration once.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const defaultMigrationsDir = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** Prisma's advisory lock key for migrations. */
const PRISMA_MIGRATE_LOCK = 72707369;

const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  /** Directory name, e.g. 20261126225447_init. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma computes it. */
  checksum: string;
}

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  /** Progress lines; default: silent. */
  log?: (message: string) => void;
}

export function checksum(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** The migrations on disk, in Prisma's order. */
export function readMigrations(migrationsDir: string = defaultMigrationsDir): Migration[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`migration ${name} has no migration.sql`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: checksum(bytes) };
    });
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function appliedRows(client: pg.ClientBase): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return rows;
}

/**
 * Applies every pending migration to the database at `databaseUrl`, each in
 * its own transaction. Returns the names applied by this call (empty when the
 * database was up to date). Idempotent and safe to run concurrently.
 */
export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrations = readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "db-migrate" });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query(`SELECT pg_advisory_lock(${PRISMA_MIGRATE_LOCK})`);
    try {
      await client.query(createMigrationsTable);
      const onDisk = new Set(migrations.map((m) => m.name));
      const before = await appliedRows(client);

      const failed = before.filter((r) => r.finished_at === null && r.rolled_back_at === null);
      if (failed.length > 0) {
        throw new Error(
          `migration ${failed.map((r) => r.migration_name).join(", ")} failed earlier and was not rolled back ` +
            `(as prisma migrate deploy reports with P3009). Repair the database, then mark it resolved ` +
            `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '…' AND finished_at IS NULL).`,
        );
      }
      for (const row of before) {
        if (row.finished_at !== null && row.rolled_back_at === null && !onDisk.has(row.migration_name)) {
          log(
            `warning: ${row.migration_name} is applied in the database but missing from ${options.migrationsDir ?? "prisma/migrations"}`,
          );
        }
      }

      for (const migration of migrations) {
        const done = before.find(
          (r) => r.migration_name === migration.name && r.finished_at !== null && r.rolled_back_at === null,
        );
        if (done) {
          if (done.checksum !== migration.checksum) {
            log(`warning: ${migration.name} was modified after it was applied (checksum differs)`);
          }
          continue;
        }
        if (await applyOne(client, migration, log)) applied.push(migration.name);
      }
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${PRISMA_MIGRATE_LOCK})`).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
  return applied;
}

/** Returns false when another runner applied it meanwhile. */
async function applyOne(client: pg.Client, migration: Migration, log: (m: string) => void): Promise<boolean> {
  const id = randomUUID();
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    const { rowCount } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (rowCount) {
      await client.query("COMMIT");
      return false;
    }
    log(`applying ${migration.name}`);
    // Simple-query protocol: the whole file, several statements, one round trip.
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
      [id, migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
    return true;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    // Keep an audit trail of the attempt; rolled back, so Prisma ignores it.
    await client
      .query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, NULL, $3, $4, now(), $5, 0)`,
        [id, migration.checksum, migration.name, message, startedAt],
      )
      .catch(() => {});
    throw new Error(`migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
  }
}
