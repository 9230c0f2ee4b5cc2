import "server-only";
import { type CheckResult, checkUpload, type UnitMappings } from "@/lib/annex-upload/check-upload";
import { storedFiles } from "@/lib/annex-upload/publish-upload";
import { type StageInput, type StageResult, stageUpload } from "@/lib/annex-upload/stage-upload";
import { firstAlteredFile, refuseAlteredFile } from "@/lib/annex-upload/stored-files";
import { templateInputFromDb } from "@/lib/annex-upload/template-input";
import { prisma } from "@/lib/db";
import type { Locale } from "@/lib/i18n/messages";

// What the admin's upload pages and routes do on the app's database: they never hold the client.

/** The latest 20 uploads, newest first, for the upload page's list. */
export function listRecentUploads() {
  return prisma.upload.findMany({
    orderBy: { id: "desc" },
    take: 20,
    select: {
      id: true,
      month: true,
      fileName: true,
      status: true,
      createdAt: true,
      uploadedBy: { select: { displayName: true } },
    },
  });
}

/**
 * One upload with its files read and checked again as the preview shows it (null: no such
 * upload; `altered`: a stored file no longer matches its SHA-256 — audited, nothing parsed).
 */
export async function loadUploadPreview(uploadId: number, actorId: number | null) {
  const upload = await prisma.upload.findUnique({
    where: { id: uploadId },
    include: { version: { select: { number: true } }, files: { orderBy: { position: "asc" } } },
  });
  if (!upload) return null;
  const altered = firstAlteredFile(upload.files);
  if (altered) {
    await refuseAlteredFile(prisma, actorId, upload.month, altered);
    return { kind: "altered", upload, fileName: altered.file.fileName } as const;
  }
  const mappings = (upload.unitMappings ?? {}) as UnitMappings;
  const check: CheckResult = await checkUpload(prisma, storedFiles(upload.files), {
    month: upload.month,
    mappings,
  });
  return { kind: "checked", upload, mappings, check } as const;
}

/** Checks and stores the files of a new upload (POST /api/uploads). */
export function stageUploadedFiles(input: StageInput): Promise<StageResult> {
  return stageUpload(prisma, input);
}

/** The template's units and, for a month, its current figures (GET /api/uploads/template.*). */
export function templateInput(month: string | null) {
  return templateInputFromDb(prisma, month);
}

/**
 * File number `position` of an upload, or which of the two is missing, or `altered`: its bytes
 * no longer match its SHA-256 (audited; the message says so in `locale`).
 */
export async function loadUploadFile(uploadId: number, position: number, actorId: number | null, locale: Locale) {
  const file = await prisma.uploadFile.findUnique({
    where: { uploadId_position: { uploadId, position } },
    include: { upload: { select: { month: true } } },
  });
  if (file) {
    const altered = firstAlteredFile([file]);
    if (altered)
      return { altered: await refuseAlteredFile(prisma, actorId, file.upload.month, altered, locale) } as const;
    return { file } as const;
  }
  const exists = (await prisma.upload.count({ where: { id: uploadId } })) > 0;
  return { missing: exists ? "file" : "upload" } as const;
}
