import "server-only";
import { recordAuditEvent } from "@/lib/audit";
// The end of a case upload that does not publish: a server that stopped mid-processing
// (found on read: its heartbeat is stale, or its staging process outlived it), a staging
// process that died or was stopped, and an admin's discard. Each leaves the staged import
// FAILED with its tables dropped, like a refused file.
import { prisma as appDb } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CaseUploadFile } from "./files";
import { storedFiles } from "./files";
import { abandonImport, cleanUpOrphanedCaseStaging } from "./leftovers";
import { CASE_FILES_KEPT_MS, CASE_STALE_MS } from "./limits";
import { removeCaseUploadDir, removeCaseUploadFiles } from "./storage";

export const STALE_MESSAGE = "处理中断：服务器在处理期间停止或重启。请放弃此导入并重新上传。";

/** Every PROCESSING upload whose heartbeat is older than CASE_STALE_MS becomes FAILED. */
export async function markStaleCaseUploads(prisma: PrismaClient, now = new Date()): Promise<number> {
  await cleanUpOrphanedCaseStaging(prisma, now);
  const stale = await prisma.caseUpload.findMany({
    where: {
      status: "PROCESSING",
      OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(now.getTime() - CASE_STALE_MS) } }],
    },
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

export const EXPIRED_TRANSFER_MESSAGE = "传输超过 7 天未完成，已删除收到的部分。请重新上传。";

/**
 * A month's files are up to 3 GB: those kept for a later step do not stay forever. A refused
 * upload's files (kept for mapping) are removed 7 days after it was refused (the page then
 * offers no mapping); an unfinished transfer 7 days old becomes FAILED and its parts go.
 */
export async function expireKeptCaseFiles(prisma: PrismaClient, now = new Date()): Promise<void> {
  const before = new Date(now.getTime() - CASE_FILES_KEPT_MS);
  const refused = await prisma.caseUpload.findMany({
    where: {
      status: "REFUSED",
      processedAt: { lt: before },
      OR: [{ stage: null }, { stage: { not: "filesRemoved" } }],
    },
    select: { id: true, files: true },
  });
  for (const upload of refused) {
    await removeCaseUploadFiles(upload.id, storedFiles(upload.files).length);
    await prisma.caseUpload.update({ where: { id: upload.id }, data: { stage: "filesRemoved" } });
  }
  const abandoned = await prisma.caseUpload.findMany({
    where: { status: "TRANSFERRING", createdAt: { lt: before } },
    select: { id: true },
  });
  for (const upload of abandoned) {
    const claimed = await prisma.caseUpload.updateMany({
      where: { id: upload.id, status: "TRANSFERRING" },
      data: { status: "FAILED", message: EXPIRED_TRANSFER_MESSAGE, processedAt: now },
    });
    if (claimed.count > 0) await removeCaseUploadDir(upload.id);
  }
}

export const DISCARDABLE = ["TRANSFERRING", "STAGED", "REFUSED", "FAILED"] as const;

export async function discardCaseUpload(
  prisma: PrismaClient,
  id: number,
  actorId: number | null = null,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const upload = await prisma.caseUpload.findUnique({
    where: { id },
    select: { status: true, caseImportId: true, month: true },
  });
  if (!upload) return { ok: false, message: `办件导入 #${id} 不存在。` };
  if (upload.status === "DISCARDED") return { ok: false, message: "该导入已放弃。" };
  if (!(DISCARDABLE as readonly string[]).includes(upload.status))
    return { ok: false, message: "处理中或已发布的导入不能放弃。" };
  // The status change and its audit event together: a discarded import always leaves its trace.
  const claimed = await prisma.$transaction(async (tx) => {
    const changed = await tx.caseUpload.updateMany({
      where: { id, status: upload.status },
      data: { status: "DISCARDED" },
    });
    if (changed.count > 0) {
      await recordAuditEvent(tx, {
        actorId,
        action: "cases.discard",
        month: upload.month,
        targetType: "CaseUpload",
        targetId: String(id),
        details: { previousStatus: upload.status },
      });
    }
    return changed;
  });
  if (claimed.count === 0) return { ok: false, message: "导入状态已变化，请刷新页面。" };
  if (upload.caseImportId) await abandonImport(prisma, upload.caseImportId);
  await removeCaseUploadDir(id);
  return { ok: true };
}

/**
 * A new upload, waiting for its files. Its directory can only hold what another database left
 * under this id (a restore, a reset): its bytes would be taken for this upload's and the transfer
 * would never complete, so it starts empty.
 */
export async function createCaseUpload(input: { month: string; files: CaseUploadFile[]; createdById: number }) {
  const upload = await appDb.caseUpload.create({
    data: { month: input.month, files: input.files, createdById: input.createdById },
  });
  await removeCaseUploadDir(upload.id);
  return upload;
}
