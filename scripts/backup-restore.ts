// Backup and restore (issue 22, 数据备份恢复): `npm run backup` and `npm run restore`.
//
// A backup is a directory: the database (PostgreSQL: a consistent `pg_dump --format=custom`, one
// snapshot of every table; the embedded PGlite: its data directory, copied while it is stopped),
// the stored files (the case uploads' directory CASE_UPLOAD_DIR and the audit archives
// AUDIT_ARCHIVE_DIR; annex uploads and issued bulletins live in the database), and manifest.json
// listing every file with its size and SHA-256, signed (manifest.sig) with the audit key when one
// is configured. A restore checks the manifest (and its signature) before it touches anything,
// then replaces the database and the directories. The app must be stopped for a restore
// (docs/backup.md: the daily schedule, the off-site copy, WAL archiving for point-in-time restore).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { algorithmOf, auditKey, signBytes } from "@/lib/audit/chain";

const run = promisify(execFile);

export const BACKUP_FORMAT = "gov-dashboard-backup/1";

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: "postgres" | "pglite";
  /** The audit chain's head at the backup: after a restore, the chain ends here. */
  auditHead: { seq: number; hash: string } | null;
  lastMigration: string | null;
  files: Array<{ path: string; bytes: number; sha256: string }>;
};

export type BackupSource = {
  /** PostgreSQL; absent: the embedded PGlite data directory. */
  databaseUrl?: string;
  embeddedDataDir?: string;
  /** Stored files' directories by name (case-uploads, audit-archive). */
  fileDirs: Record<string, string>;
};

export function defaultFileDirs(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    "case-uploads": path.resolve(env.CASE_UPLOAD_DIR ?? ".data/case-uploads"),
    "audit-archive": path.resolve(env.AUDIT_ARCHIVE_DIR ?? ".data/audit-archive"),
  };
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function listFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(root, full);
    return entry.isFile() ? [path.relative(root, full)] : [];
  });
}

/** Whether the embedded server holds its data directory (its lock file names a live process). */
function embeddedRunning(dataDir: string): boolean {
  try {
    const lock = JSON.parse(readFileSync(`${dataDir}.lock`, "utf8")) as { pid?: number; ownerPid?: number };
    return [lock.pid, lock.ownerPid].some((pid) => {
      if (!pid) return false;
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === "EPERM";
      }
    });
  } catch {
    return false;
  }
}

async function chainHead(
  url: string,
): Promise<{ auditHead: BackupManifest["auditHead"]; lastMigration: string | null }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const head = await client.query<{ seq: number; hash: string }>(
      `SELECT "seq", "hash" FROM "AuditChain" WHERE "id" = 1`,
    );
    const migration = await client.query<{ migration_name: string }>(
      `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ORDER BY "migration_name" DESC LIMIT 1`,
    );
    return { auditHead: head.rows[0] ?? null, lastMigration: migration.rows[0]?.migration_name ?? null };
  } finally {
    await client.end();
  }
}

/** The manifest's signature with the audit key, or null where no key is configured (production without one). */
function signature(bytes: Buffer): string | null {
  try {
    return signBytes(bytes, auditKey());
  } catch {
    return null;
  }
}

export async function createBackup(source: BackupSource, outDir: string): Promise<BackupManifest> {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new Error(`${outDir} is not empty`);
  mkdirSync(outDir, { recursive: true });
  let head: Awaited<ReturnType<typeof chainHead>> = { auditHead: null, lastMigration: null };
  if (source.databaseUrl) {
    head = await chainHead(source.databaseUrl);
    // One snapshot of every table (pg_dump's repeatable-read transaction), in the custom format.
    await run("pg_dump", [
      "--format=custom",
      "--no-owner",
      "--no-acl",
      `--file=${path.join(outDir, "database.dump")}`,
      source.databaseUrl,
    ]);
  } else {
    const dataDir = path.resolve(source.embeddedDataDir ?? ".data/pglite");
    if (embeddedRunning(dataDir))
      throw new Error(`the embedded database is running on ${dataDir}: stop \`npm start\` first, then back up`);
    cpSync(dataDir, path.join(outDir, "pglite"), { recursive: true });
  }
  for (const [name, dir] of Object.entries(source.fileDirs))
    if (existsSync(dir)) cpSync(dir, path.join(outDir, "files", name), { recursive: true });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    database: source.databaseUrl ? "postgres" : "pglite",
    ...head,
    files: listFiles(outDir)
      .sort()
      .map((file) => ({
        path: file,
        bytes: statSync(path.join(outDir, file)).size,
        sha256: sha256(path.join(outDir, file)),
      })),
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
  writeFileSync(path.join(outDir, "manifest.json"), bytes);
  const signed = signature(bytes);
  if (signed) writeFileSync(path.join(outDir, "manifest.sig"), `${signed}\n`);
  return manifest;
}

/** Checks every file of the manifest (and the manifest's signature): the problems, none when sound. */
export function verifyBackup(dir: string): { manifest: BackupManifest | null; problems: string[] } {
  const manifestFile = path.join(dir, "manifest.json");
  if (!existsSync(manifestFile)) return { manifest: null, problems: ["manifest.json is missing"] };
  const bytes = readFileSync(manifestFile);
  const problems: string[] = [];
  const sigFile = path.join(dir, "manifest.sig");
  if (existsSync(sigFile)) {
    const stored = readFileSync(sigFile, "utf8").trim();
    const algorithm = algorithmOf(stored);
    let key: Buffer | null = null;
    try {
      key = auditKey();
    } catch {
      problems.push("manifest.sig cannot be checked: no audit key is configured");
    }
    if (key && (!algorithm || signBytes(bytes, key, algorithm) !== stored))
      problems.push("manifest.sig does not match manifest.json (another key, or a changed manifest)");
  }
  const manifest = JSON.parse(bytes.toString("utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) problems.push(`unknown format ${manifest.format}`);
  for (const file of manifest.files) {
    const full = path.join(dir, file.path);
    if (!existsSync(full)) problems.push(`${file.path} is missing`);
    else if (statSync(full).size !== file.bytes || sha256(full) !== file.sha256)
      problems.push(`${file.path} does not match its SHA-256`);
  }
  return { manifest, problems };
}

export async function restoreBackup(dir: string, target: BackupSource): Promise<BackupManifest> {
  const { manifest, problems } = verifyBackup(dir);
  if (!manifest || problems.length > 0) throw new Error(`the backup does not verify: ${problems.join("; ")}`);
  if (manifest.database === "postgres") {
    if (!target.databaseUrl) throw new Error("a PostgreSQL backup restores into DATABASE_URL");
    // Into an empty schema: tables made after the backup (a month's partitions, staged imports) go too.
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      await client.query("DROP SCHEMA public CASCADE");
      await client.query("CREATE SCHEMA public");
    } finally {
      await client.end();
    }
    await run("pg_restore", [
      "--no-owner",
      "--no-acl",
      "--exit-on-error",
      "--single-transaction",
      `--dbname=${target.databaseUrl}`,
      path.join(dir, "database.dump"),
    ]);
  } else {
    const dataDir = path.resolve(target.embeddedDataDir ?? ".data/pglite");
    if (target.databaseUrl) throw new Error("an embedded (PGlite) backup restores into the embedded database only");
    if (embeddedRunning(dataDir)) throw new Error(`the embedded database is running on ${dataDir}: stop it first`);
    rmSync(dataDir, { recursive: true, force: true });
    cpSync(path.join(dir, "pglite"), dataDir, { recursive: true });
  }
  for (const [name, targetDir] of Object.entries(target.fileDirs)) {
    const saved = path.join(dir, "files", name);
    rmSync(targetDir, { recursive: true, force: true });
    if (existsSync(saved)) cpSync(saved, targetDir, { recursive: true });
  }
  return manifest;
}
