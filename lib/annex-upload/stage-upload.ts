// Staging: the files (one, or one per annex plus an optional summary CSV) are read together as
// one upload and checked on the server. Errors the preview cannot fix reject the upload and
// nothing is written; a set of files byte-identical to a published version's is refused with
// that version named; anything else becomes a STAGED Upload (its files' bytes as UploadFile
// rows, the validation report) that the preview page shows and publish re-checks.
import { createHash } from "node:crypto";
import type { AnnexValidationProblem, UploadLimits } from "@/lib/annex-upload/parse";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { checkUpload, onlyFixableErrors } from "./check-upload";

export type StagedFile = { fileName: string; bytes: Uint8Array };

/** One file (`fileName` + `bytes`) or several (`files`, in the order they were sent). */
export type StageInput = (
  | { fileName: string; bytes: Uint8Array; files?: undefined }
  | { files: StagedFile[]; fileName?: undefined; bytes?: undefined }
) & {
  month?: string | null;
  uploadedById: number | null;
  limits?: Partial<UploadLimits>;
};

export type StageResult =
  | { kind: "staged"; uploadId: number; month: string; errorCount: number; warningCount: number }
  | { kind: "rejected"; problems: AnnexValidationProblem[] }
  | { kind: "duplicate"; month: string; versionNumber: number | null; uploadId: number; publishedAt: Date | null };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The upload's key for the duplicate check: one file → its SHA-256; several → the SHA-256 of
 *  their sorted SHA-256s (so the same set of bytes, in any order, is the same upload). */
export function uploadSha256(fileHashes: readonly string[]): string {
  if (fileHashes.length === 1) return fileHashes[0]!;
  return createHash("sha256")
    .update([...fileHashes].sort().join("\n"))
    .digest("hex");
}

/** The upload's name: its files' names joined. */
export function uploadFileName(files: readonly { fileName: string }[]): string {
  return files.map((f) => f.fileName).join(" + ");
}

export function reportOf(
  problems: AnnexValidationProblem[],
  extra: Record<string, unknown> = {},
): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify({ problems, ...extra })) as Prisma.InputJsonValue;
}

export async function stageUpload(db: PrismaClient, input: StageInput): Promise<StageResult> {
  const files: StagedFile[] = input.files ?? [{ fileName: input.fileName, bytes: input.bytes }];
  const hashes = files.map((f) => sha256Hex(f.bytes));
  const sha256 = uploadSha256(hashes);
  const published = await db.upload.findFirst({
    where: { sha256, status: { in: ["COMMITTED", "SUPERSEDED"] } },
    orderBy: { id: "desc" },
    include: { version: { select: { number: true } } },
  });
  if (published) {
    return {
      kind: "duplicate",
      month: published.month,
      versionNumber: published.version?.number ?? null,
      uploadId: published.id,
      publishedAt: published.publishedAt,
    };
  }
  const check = await checkUpload(db, files, { month: input.month, limits: input.limits });
  const { validation } = check;
  if (!check.month || !onlyFixableErrors(validation)) return { kind: "rejected", problems: validation.problems };
  const upload = await db.upload.create({
    data: {
      month: check.month,
      fileName: uploadFileName(files),
      sha256,
      sizeBytes: files.reduce((n, f) => n + f.bytes.byteLength, 0),
      files: {
        create: files.map((f, position) => ({
          position,
          fileName: f.fileName,
          sha256: hashes[position]!,
          sizeBytes: f.bytes.byteLength,
          content: f.bytes as Uint8Array<ArrayBuffer>,
        })),
      },
      status: "STAGED",
      baseVersionId: check.current?.versionId ?? null,
      uploadedById: input.uploadedById,
      validationReport: reportOf(validation.problems, {
        rowCount: validation.rows.length,
        errorCount: validation.errorCount,
        warningCount: validation.warningCount,
      }),
    },
  });
  return {
    kind: "staged",
    uploadId: upload.id,
    month: check.month,
    errorCount: validation.errorCount,
    warningCount: validation.warningCount,
  };
}
