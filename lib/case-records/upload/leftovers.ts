// What a staging that did not stage leaves behind, and who cleans it: the import's tables and
// rollups, the transferred files, and — after a `kill -9` of the server — the row still
// PROCESSING and perhaps its staging process. No "server-only" here: instrumentation.ts runs the
// orphan clean-up when a server starts, with a client of its own.
import { hostname } from "node:os";
import { importTableName, RECORD_TABLES } from "@/lib/case-records/import/partitions";
import { ROLLUP_TABLES } from "@/lib/case-records/import/rollups";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { storedFiles } from "./files";
import { stagingRegistry } from "./staging-registry";
import { removeCaseUploadDir, removeCaseUploadFiles } from "./storage";
import { killStagingProcess, processAlive } from "./worker-process";

/** Drops a not-yet-published import's tables and rollups and marks it FAILED. */
export async function abandonImport(prisma: PrismaClient, caseImportId: number): Promise<void> {
  const row = await prisma.caseImport.findUnique({ where: { id: caseImportId }, select: { status: true } });
  if (row?.status !== "STAGED") return;
  for (const table of RECORD_TABLES)
    await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS "${importTableName(table, caseImportId)}"`);
  for (const table of ROLLUP_TABLES)
    await prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "importId" = $1`, caseImportId);
  await prisma.$executeRawUnsafe(`DELETE FROM "ServiceItem" WHERE "importId" = $1`, caseImportId);
  await prisma.caseImport.update({ where: { id: caseImportId }, data: { status: "FAILED" } });
}

/**
 * After a staging process ended without staging (FAILED: it died, the watchdog stopped it;
 * CANCELLED: the admin stopped it): its import's tables and rollups go, and its transferred files
 * (a cancelled upload's problems.csv too: nothing of it is left to look at).
 */
export async function cleanUpStagingLeftovers(prisma: PrismaClient, id: number): Promise<void> {
  const upload = await prisma.caseUpload.findUnique({
    where: { id },
    select: { status: true, caseImportId: true, files: true },
  });
  if (!upload) return;
  if (upload.status === "FAILED" || upload.status === "CANCELLED") {
    if (upload.caseImportId) await abandonImport(prisma, upload.caseImportId).catch(() => {});
    if (upload.status === "CANCELLED") await removeCaseUploadDir(id).catch(() => {});
    else await removeCaseUploadFiles(id, storedFiles(upload.files).length).catch(() => {});
  }
  await prisma.caseUpload.update({ where: { id }, data: { workerPid: null } }).catch(() => {});
}

export const ORPHAN_MESSAGE =
  "处理中断：服务器在导入进行时意外停止，导入进程已随之结束，暂存的数据已删除。请放弃此导入并重新上传。 / " +
  "Processing interrupted: the server stopped unexpectedly during the import; its import process ended with it and the staged data was deleted. Discard this import and upload again.";

/**
 * PROCESSING uploads whose server (on this machine) is gone: a `kill -9` of the server leaves the
 * row PROCESSING and, until it notices, the staging process running alone (end-with-parent.ts
 * ends it within a second). Run when a server starts (instrumentation.ts) and on every read of
 * the list or a progress: the staging process is killed if it still runs, the upload FAILED with
 * what happened, its tables dropped. Another live server's uploads (same machine) are left alone.
 */
export async function cleanUpOrphanedCaseStaging(prisma: PrismaClient, now = new Date()): Promise<number> {
  const here = await prisma.caseUpload.findMany({
    where: { status: "PROCESSING", workerHost: hostname() },
    select: { id: true, ownerPid: true, workerPid: true },
  });
  let cleaned = 0;
  for (const upload of here) {
    // Our own pid on a row this process never queued: a previous server that had the same pid.
    const ours = upload.ownerPid === process.pid && stagingRegistry.owned.has(upload.id);
    if (ours || (upload.ownerPid !== process.pid && processAlive(upload.ownerPid))) continue;
    killStagingProcess(upload.workerPid);
    const claimed = await prisma.caseUpload.updateMany({
      where: { id: upload.id, status: "PROCESSING" },
      data: { status: "FAILED", message: ORPHAN_MESSAGE, processedAt: now },
    });
    if (claimed.count === 0) continue;
    cleaned++;
    await cleanUpStagingLeftovers(prisma, upload.id);
  }
  return cleaned;
}
