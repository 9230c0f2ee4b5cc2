// npm run backup [-- --out DIR]
// A consistent backup of the database and the stored files, with a manifest of SHA-256s
// (scripts/backup-restore.ts; docs/backup.md). DATABASE_URL: PostgreSQL (pg_dump, custom format);
// unset: the embedded PGlite's data directory (stop `npm start` first). Default DIR:
// $BACKUP_DIR/<UTC time> (BACKUP_DIR default .data/backups).
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureAuditKey } from "./auth-secret";
import { createBackup, defaultFileDirs } from "./backup-restore";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const out = path.resolve(values.out ?? path.join(process.env.BACKUP_DIR ?? ".data/backups", stamp));
// The embedded database's key signs the manifest, as `npm start` keeps it.
if (!process.env.DATABASE_URL) ensureAuditKey(".data");
try {
  const manifest = await createBackup(
    {
      databaseUrl: process.env.DATABASE_URL,
      embeddedDataDir: process.env.EMBEDDED_DB_DIR,
      fileDirs: defaultFileDirs(),
    },
    out,
  );
  const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `[backup] 已备份 / backed up ${manifest.database} + ${manifest.files.length} files (${(bytes / 1e6).toFixed(1)} MB), ` +
      `audit chain at seq ${manifest.auditHead?.seq ?? "?"} → ${out}`,
  );
} catch (error) {
  console.error(`[backup] 失败 / failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
