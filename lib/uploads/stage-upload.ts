// Staging: the file is read and checked on the server. A file with errors the preview cannot
// fix is rejected and nothing is written; a file byte-identical to a published version is
// refused with that version named; anything else becomes a STAGED Upload (bytes, sha256, the
// validation report) that the preview page shows and publish re-checks.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Problem, UploadLimits } from "@/lib/import";
import { checkUpload, onlyFixableErrors } from "./check-upload";

export type StageInput = { fileName: string; bytes: Uint8Array; month?: string | null; uploadedById: number | null; limits?: Partial<UploadLimits> };

export type StageResult =
  | { kind: "staged"; uploadId: number; month: string; errorCount: number; warningCount: number }
  | { kind: "rejected"; problems: Problem[] }
  | { kind: "duplicate"; month: string; versionNumber: number | null; uploadId: number; publishedAt: Date | null };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function reportOf(problems: Problem[], extra: Record<string, unknown> = {}): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify({ problems, ...extra })) as Prisma.InputJsonValue;
}

export async function stageUpload(db: PrismaClient, input: StageInput): Promise<StageResult> {
  const sha256 = sha256Hex(input.bytes);
  const published = await db.upload.findFirst({
    where: { sha256, status: { in: ["COMMITTED", "SUPERSEDED"] } },
    orderBy: { id: "desc" },
    include: { version: { select: { number: true } } },
  });
  if (published) {
    return { kind: "duplicate", month: published.month, versionNumber: published.version?.number ?? null, uploadId: published.id, publishedAt: published.publishedAt };
  }
  const check = await checkUpload(db, [{ fileName: input.fileName, bytes: input.bytes }], { month: input.month, limits: input.limits });
  const { validation } = check;
  if (!check.month || !onlyFixableErrors(validation)) return { kind: "rejected", problems: validation.problems };
  const upload = await db.upload.create({
    data: {
      month: check.month,
      fileName: input.fileName,
      sha256,
      sizeBytes: input.bytes.byteLength,
      content: input.bytes as Uint8Array<ArrayBuffer>,
      status: "STAGED",
      uploadedById: input.uploadedById,
      validationReport: reportOf(validation.problems, { rowCount: validation.rows.length, errorCount: validation.errorCount, warningCount: validation.warningCount }),
    },
  });
  return { kind: "staged", uploadId: upload.id, month: check.month, errorCount: validation.errorCount, warningCount: validation.warningCount };
}
