// A stored file read back whose bytes no longer hash to the SHA-256 recorded when it was stored
// (issue 22, 数据完整性): the reader refuses it and calls this, so that the alteration is in the
// tamper-evident audit trail (who tried to read what, the digest recorded and the one found).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "./record-audit-event";

export type StoredFileAltered = {
  /** The row that records the file: UploadFile, RectificationAttachment, CaseUpload. */
  targetType: string;
  targetId: string;
  fileName: string;
  month?: string | null;
  /** The SHA-256 recorded when it was stored. */
  expected: string;
  /** The SHA-256 of the bytes found now; null when the file is gone. */
  actual: string | null;
};

export async function recordStoredFileAltered(
  db: PrismaClient | Prisma.TransactionClient,
  actorId: number | null,
  file: StoredFileAltered,
): Promise<void> {
  await recordAuditEvent(db, {
    actorId,
    action: "file.integrityFailed",
    month: file.month ?? null,
    targetType: file.targetType,
    targetId: file.targetId,
    details: { fileName: file.fileName, expected: file.expected, actual: file.actual },
  });
}
