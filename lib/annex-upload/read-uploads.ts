import "server-only";
import { type CheckResult, checkUpload, type UnitMappings } from "@/lib/annex-upload/check-upload";
import { storedFiles } from "@/lib/annex-upload/publish-upload";
import { prisma } from "@/lib/db";

// The admin's upload pages read through here: the pages never hold the database client.

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

/** One upload with its files read and checked again as the preview shows it (null: no such upload). */
export async function loadUploadPreview(uploadId: number) {
  const upload = await prisma.upload.findUnique({
    where: { id: uploadId },
    include: { version: { select: { number: true } }, files: { orderBy: { position: "asc" } } },
  });
  if (!upload) return null;
  const mappings = (upload.unitMappings ?? {}) as UnitMappings;
  const check: CheckResult = await checkUpload(prisma, storedFiles(upload.files), {
    month: upload.month,
    mappings,
  });
  return { upload, mappings, check };
}
