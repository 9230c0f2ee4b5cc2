"use server";

// The case-import pages' actions: publish a staged import as the month's new version, map a
// refused upload's unknown units and headers and process it again, or discard an upload that
// failed, was refused or is no longer wanted.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action-client/form-action";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { CaseImportStateError, publishCaseImport } from "@/lib/case-records/import/publish-import";
import type { CaseImportReport } from "@/lib/case-records/import/stage-import";
import { discardCaseUpload } from "@/lib/case-records/upload/lifecycle";
import {
  mappingFormInput,
  mappingFormSchema,
  mappingsToRemember,
  remapCaseUpload,
  storedMappings,
} from "@/lib/case-records/upload/mapping";
import { cancelCaseUpload, queueCaseStaging } from "@/lib/case-records/upload/process-upload";
import { prisma } from "@/lib/db";
import { localePath } from "@/lib/i18n/locale";

/** The upload the publish and discard buttons name (a hidden field). */
const uploadForm = {
  schema: z.object({ uploadId: z.coerce.number().int().positive() }),
  invalid: { message: "参数无效 / invalid input", fieldErrors: { uploadId: ["编号无效"] } },
};

/**
 * Publish: only a STAGED upload whose import has no error; publishCaseImport writes the version
 * in one transaction, then the report data and every prerendered page expire at once, as an
 * annex upload's publish does (lib/annex-upload/actions/publish-upload.ts).
 */
export const publishCaseImportAction = formAction(
  "data.manage",
  uploadForm,
  async ({ uploadId }, viewer, { locale, messages }) => {
    const t = messages.caseImport;
    const upload = await prisma.caseUpload.findUnique({ where: { id: uploadId } });
    if (upload?.status !== "STAGED" || !upload.caseImportId) return { message: t.publishNotStaged };
    const imported = await prisma.caseImport.findUnique({
      where: { id: upload.caseImportId },
      select: { report: true },
    });
    const report = imported?.report as CaseImportReport | null | undefined;
    if (!report || report.errorCount > 0) return { message: t.publishHasErrors };
    let published: { month: string; number: number };
    try {
      published = await publishCaseImport(prisma, upload.caseImportId, {
        createdById: viewer.userId,
        remember: await mappingsToRemember(prisma, storedMappings(upload)),
      });
    } catch (error) {
      if (error instanceof CaseImportStateError) return { message: error.message };
      throw error;
    }
    await prisma.caseUpload.update({ where: { id: upload.id }, data: { status: "PUBLISHED" } });
    await expireReportData();
    revalidatePath("/", "layout");
    redirect(localePath(locale, `/admin/months/${published.month}?published=${published.number}`));
  },
);

export const discardCaseUploadAction = formAction(
  "data.manage",
  uploadForm,
  async ({ uploadId }, viewer, { locale }) => {
    const result = await discardCaseUpload(prisma, uploadId, viewer.userId);
    if (!result.ok) return { message: result.message };
    revalidatePath("/admin/cases");
    redirect(localePath(locale, "/admin/cases"));
  },
);

/**
 * Stop a running import (issue 19): its staging process killed, its tables dropped, the staging
 * lock free; audited as cases.cancel. The admin stays on the upload's page, which says who
 * cancelled it and when.
 */
export const cancelCaseUploadAction = formAction(
  "data.manage",
  uploadForm,
  async ({ uploadId }, viewer, { locale, messages }) => {
    const t = messages.caseImport;
    const result = await cancelCaseUpload(uploadId, viewer.userId);
    if (!result.ok)
      return {
        message:
          result.reason === "notFound"
            ? `办件导入 #${uploadId} 不存在。`
            : result.reason === "notRunning"
              ? t.cancelNotRunning
              : t.cancelChanged,
      };
    revalidatePath("/admin/cases");
    redirect(localePath(locale, `/admin/cases/${uploadId}`));
  },
);

/**
 * Map a refused upload's unknown units and headers (lib/case-records/upload/mapping.ts) and process its
 * kept files again; the admin stays on the upload's page, which shows the progress.
 */
export const remapCaseUploadAction = formAction(
  "data.manage",
  {
    schema: mappingFormSchema,
    input: mappingFormInput,
    invalid: (messages) => ({ message: messages.caseMapping.errors.invalid }),
  },
  async (mapping, viewer, { locale, messages }) => {
    const result = await remapCaseUpload(prisma, mapping, viewer.userId, messages.caseMapping.errors);
    if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors };
    queueCaseStaging(mapping.uploadId);
    revalidatePath("/admin/cases");
    redirect(localePath(locale, `/admin/cases/${mapping.uploadId}`));
  },
);
