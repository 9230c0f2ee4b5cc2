import "server-only";
// The end of a case upload that does not publish: a server that stopped mid-processing
// (found on read: its heartbeat is stale) and an admin's discard. Both leave the staged
// import FAILED with its tables dropped, like a refused file.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { importTableName, RECORD_TABLES } from "@/lib/cases/partitions";
import { ROLLUP_TABLES } from "@/lib/cases/rollups";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { CASE_STALE_MS } from "./limits";
import { removeCaseUploadDir } from "./storage";

/** Drops a not-yet-published import's tables and rollups and marks it FAILED. */
async function abandonImport(prisma: PrismaClient, caseImportId: number): Promise<void> {
  const row = await prisma.caseImport.findUnique({ where: { id: caseImportId }, select: { status: true } });
  if (!row || row.status !== "STAGED") return;
  for (const table of RECORD_TABLES) await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS "${importTableName(table, caseImportId)}"`);
  for (const table of ROLLUP_TABLES) await prisma.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "importId" = $1`, caseImportId);
  await prisma.$executeRawUnsafe(`DELETE FROM "ServiceItem" WHERE "importId" = $1`, caseImportId);
  await prisma.caseImport.update({ where: { id: caseImportId }, data: { status: "FAILED" } });
}

export const STALE_MESSAGE = "处理中断：服务器在处理期间停止或重启。请放弃此导入并重新上传。";

/** Every PROCESSING upload whose heartbeat is older than CASE_STALE_MS becomes FAILED. */
export async function markStaleCaseUploads(prisma: PrismaClient, now = new Date()): Promise<number> {
  const stale = await prisma.caseUpload.findMany({
    where: { status: "PROCESSING", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(now.getTime() - CASE_STALE_MS) } }] },
    select: { id: true, caseImportId: true },
  });
  for (const upload of stale) {
    const claimed = await prisma.caseUpload.updateMany({
      where: { id: upload.id, status: "PROCESSING" },
      data: { status: "FAILED", message: STALE_MESSAGE, processedAt: now },
    });
    if (claimed.count > 0 && upload.caseImportId) await abandonImport(prisma, upload.caseImportId).catch(() => {});
  }
  return stale.length;
}

export const DISCARDABLE = ["TRANSFERRING", "STAGED", "REFUSED", "FAILED"] as const;

export async function discardCaseUpload(prisma: PrismaClient, id: number, actorId: number | null = null): Promise<{ ok: true } | { ok: false; message: string }> {
  const upload = await prisma.caseUpload.findUnique({ where: { id }, select: { status: true, caseImportId: true, month: true } });
  if (!upload) return { ok: false, message: `办件导入 #${id} 不存在。` };
  if (upload.status === "DISCARDED") return { ok: false, message: "该导入已放弃。" };
  if (!(DISCARDABLE as readonly string[]).includes(upload.status)) return { ok: false, message: "处理中或已发布的导入不能放弃。" };
  // The status change and its audit event together: a discarded import always leaves its trace.
  const claimed = await prisma.$transaction(async (tx) => {
    const changed = await tx.caseUpload.updateMany({ where: { id, status: upload.status }, data: { status: "DISCARDED" } });
    if (changed.count > 0) {
      await recordAuditEvent(tx, { actorId, action: "cases.discard", month: upload.month, targetType: "CaseUpload", targetId: String(id), details: { previousStatus: upload.status } });
    }
    return changed;
  });
  if (claimed.count === 0) return { ok: false, message: "导入状态已变化，请刷新页面。" };
  if (upload.caseImportId) await abandonImport(prisma, upload.caseImportId);
  await removeCaseUploadDir(id);
  return { ok: true };
}
