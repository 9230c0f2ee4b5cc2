// An upload's files are kept in the database, byte for byte, with the SHA-256 each had when it
// was staged (UploadFile.sha256). Every read that uses them — the preview, the publish, the
// download of the original — checks them first (issue 22, 数据完整性): bytes changed since
// (a row edited in the database, a restore gone wrong) are refused with a message, the refusal
// is audited, and they are neither served nor parsed.
import { createHash } from "node:crypto";
import { recordStoredFileAltered } from "@/lib/audit";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { fill, getMessages, type Locale } from "@/lib/i18n/messages";

type StoredUploadFile = { id: number; fileName: string; sha256: string; content: Uint8Array };

export type AlteredFile<T extends StoredUploadFile = StoredUploadFile> = { file: T; actual: string };

/** The first file whose bytes no longer hash to its recorded SHA-256; null when all match. */
export function firstAlteredFile<T extends StoredUploadFile>(files: readonly T[]): AlteredFile<T> | null {
  for (const file of files) {
    const actual = createHash("sha256").update(file.content).digest("hex");
    if (actual !== file.sha256) return { file, actual };
  }
  return null;
}

/** Audits the refusal; returns the message that says so, in the reader's language. */
export async function refuseAlteredFile(
  db: PrismaClient | Prisma.TransactionClient,
  actorId: number | null,
  month: string,
  altered: AlteredFile,
  locale: Locale = "zh-CN",
): Promise<string> {
  await recordStoredFileAltered(db, actorId, {
    targetType: "UploadFile",
    targetId: String(altered.file.id),
    fileName: altered.file.fileName,
    month,
    expected: altered.file.sha256,
    actual: altered.actual,
  });
  return fill(getMessages(locale).security.fileAltered, { file: altered.file.fileName });
}
