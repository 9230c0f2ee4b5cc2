// npm run restore -- --from DIR --yes
// Restores a backup made by `npm run backup` (scripts/backup-restore.ts; docs/backup.md): checks
// its manifest (every file's SHA-256, the signature) before it touches anything, then REPLACES
// the database (DATABASE_URL, or the embedded PGlite) and the stored files' directories, and
// verifies the audit chain. Stop the app first. --check only verifies the backup.
import path from "node:path";
import { parseArgs } from "node:util";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { defaultDataDir, startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { ensureAuditKey } from "./auth-secret";
import { defaultFileDirs, restoreBackup, verifyBackup } from "./backup-restore";

const { values } = parseArgs({
  options: { from: { type: "string" }, yes: { type: "boolean" }, check: { type: "boolean" } },
});
if (!values.from) {
  console.error("usage: npm run restore -- --from DIR --yes   (or --check to verify the backup only)");
  process.exit(2);
}
const dir = path.resolve(values.from);
if (!process.env.DATABASE_URL) ensureAuditKey(".data");
const { manifest, problems } = verifyBackup(dir);
if (!manifest || problems.length > 0) {
  console.error(`[restore] 备份校验失败 / the backup does not verify:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `[restore] 备份完好 / the backup verifies: ${manifest.database}, ${manifest.files.length} files, ${manifest.createdAt}`,
);
if (values.check) process.exit(0);
if (!values.yes) {
  console.error(
    "[restore] 恢复将覆盖当前数据库和文件，确认请加 --yes / a restore replaces the database and files: add --yes",
  );
  process.exit(2);
}
const embeddedDataDir = process.env.EMBEDDED_DB_DIR ?? defaultDataDir;
await restoreBackup(dir, { databaseUrl: process.env.DATABASE_URL, embeddedDataDir, fileDirs: defaultFileDirs() });
const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: embeddedDataDir });
const prisma = createPrismaClient(process.env.DATABASE_URL ?? embedded!.url, 1);
try {
  const report = await verifyAuditChain(prisma);
  // An embedded backup is a copy of a stopped directory: it names no head (the chain is verified).
  const same =
    manifest.auditHead === null ||
    (report.head.seq === manifest.auditHead.seq && report.head.hash === manifest.auditHead.hash);
  console.log(
    `[restore] 已恢复 / restored. 审计链 / audit chain: ${report.ok ? "ok" : `BROKEN at ${report.firstBroken?.seq}: ${report.firstBroken?.reason}`}, ` +
      `head seq ${report.head.seq}${same ? " (as backed up)" : " (NOT the backed-up head)"}`,
  );
  if (!report.ok || !same) process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
