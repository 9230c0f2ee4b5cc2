// npm run audit:verify [-- --archives DIR]
// Verifies the audit chain (lib/audit/verify-chain.ts): exit 0 when every link holds, 1 with the
// first broken link otherwise. Archive files are checked when found in DIR (default
// AUDIT_ARCHIVE_DIR or .data/audit-archive). The key: AUDIT_HMAC_KEY (as the server has it).
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultArchiveDir } from "@/lib/audit/archive";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { defaultDataDir, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { ensureAuditKey } from "./auth-secret";

const { values } = parseArgs({ options: { archives: { type: "string" } } });
let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  ensureAuditKey(".data");
  embedded = await startEmbeddedDatabase({ dataDir: process.env.EMBEDDED_DB_DIR ?? defaultDataDir });
  url = embedded.url;
}
const prisma = createPrismaClient(url, 1);
try {
  const archiveDir = values.archives ?? defaultArchiveDir();
  const report = await verifyAuditChain(prisma, { archiveDir: existsSync(archiveDir) ? archiveDir : null });
  const summary =
    `${report.checked} events checked, head seq ${report.head.seq}, ${report.legacy} from before the chain, ` +
    `${report.archives.count} archives (${report.archives.events} events, ${report.archives.filesChecked} files checked` +
    `${report.archives.filesMissing.length ? `, not here: ${report.archives.filesMissing.join(" ")}` : ""})`;
  if (report.ok) {
    console.log(`[audit:verify] 审计链完整 / the audit chain holds: ${summary}`);
  } else {
    const link = report.firstBroken!;
    console.error(
      `[audit:verify] 审计链断裂 / BROKEN at seq ${link.seq ?? "-"} (event id ${link.id ?? "-"}): ${link.reason}`,
    );
    console.error(`[audit:verify] ${summary}`);
    process.exitCode = 1;
  }
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
}
