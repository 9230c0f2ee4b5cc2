// npm run audit:archive [-- --days N] [--dir DIR]
// Archives the audit events older than the retention (AUDIT_RETENTION_DAYS or --days, never
// below 180) to a signed file in DIR (AUDIT_ARCHIVE_DIR, default .data/audit-archive), then lets
// them leave the table (lib/audit/archive.ts). Run it daily (docs/backup.md); one file per run.
import { parseArgs } from "node:util";
import { archiveAuditEvents, defaultArchiveDir, MIN_RETENTION_DAYS, retentionDays } from "@/lib/audit/archive";
import { defaultDataDir, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { ensureAuditKey } from "./auth-secret";

const { values } = parseArgs({ options: { days: { type: "string" }, dir: { type: "string" } } });
const days = values.days ? Number(values.days) : retentionDays();
if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) {
  console.error(
    `[audit:archive] 保留期不得少于 ${MIN_RETENTION_DAYS} 天 / the retention is at least ${MIN_RETENTION_DAYS} days`,
  );
  process.exit(2);
}
let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  ensureAuditKey(".data");
  embedded = await startEmbeddedDatabase({ dataDir: process.env.EMBEDDED_DB_DIR ?? defaultDataDir });
  url = embedded.url;
}
const prisma = createPrismaClient(url, 1);
try {
  const result = await archiveAuditEvents(prisma, { days, dir: values.dir ?? defaultArchiveDir() });
  console.log(
    result
      ? `[audit:archive] 已归档 / archived events ${result.fromSeq}–${result.toSeq} (${result.eventCount}) → ${result.fileName}`
      : `[audit:archive] 无需归档 / nothing older than ${days} days`,
  );
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
