"use server";

// The case-import pages' actions: publish a staged import as the month's new version, map a
// refused upload's unknown units and headers and process it again, or discard an upload that
// failed, was refused or is no longer wanted.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardAction } from "@/lib/access/guard";
import type { FormState } from "@/lib/action-client/form-state";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { CaseImportStateError, publishCaseImport } from "@/lib/case-records/import/publish-import";
import type { CaseImportReport } from "@/lib/case-records/import/stage-import";
import { discardCaseUpload } from "@/lib/case-records/upload/lifecycle";
import {
  mappingsToRemember,
  readMappingForm,
  remapCaseUpload,
  storedMappings,
} from "@/lib/case-records/upload/mapping";
import { queueCaseStaging } from "@/lib/case-records/upload/process-upload";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { localePath } from "@/lib/i18n/locale";
import { getMessages } from "@/lib/i18n/messages";

const schema = z.object({ uploadId: z.coerce.number().int().positive() });

function parse(formData: FormData): { ok: true; uploadId: number } | { ok: false; state: FormState } {
  const parsed = schema.safeParse({ uploadId: formData.get("uploadId") });
  if (!parsed.success)
    return { ok: false, state: { message: "参数无效 / invalid input", fieldErrors: { uploadId: ["编号无效"] } } };
  return { ok: true, uploadId: parsed.data.uploadId };
}

/**
 * Publish: only a STAGED upload whose import has no error; publishCaseImport writes the version
 * in one transaction, then the report data and every prerendered page expire at once, as an
 * annex upload's publish does (lib/annex-upload/actions/publish-upload.ts).
 */
export async function publishCaseImportAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const input = parse(formData);
  if (!input.ok) return input.state;
  const locale = await actionLocale();
  const t = getMessages(locale).caseImport;
  const upload = await prisma.caseUpload.findUnique({ where: { id: input.uploadId } });
  if (!upload || upload.status !== "STAGED" || !upload.caseImportId) return { message: t.publishNotStaged };
  const imported = await prisma.caseImport.findUnique({ where: { id: upload.caseImportId }, select: { report: true } });
  const report = imported?.report as CaseImportReport | null | undefined;
  if (!report || report.errorCount > 0) return { message: t.publishHasErrors };
  let published: { month: string; number: number };
  try {
    published = await publishCaseImport(prisma, upload.caseImportId, {
      createdById: guard.viewer.userId,
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
}

export async function discardCaseUploadAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const input = parse(formData);
  if (!input.ok) return input.state;
  const result = await discardCaseUpload(prisma, input.uploadId, guard.viewer.userId);
  if (!result.ok) return { message: result.message };
  revalidatePath("/admin/cases");
  redirect(localePath(await actionLocale(), "/admin/cases"));
}

/**
 * Map a refused upload's unknown units and headers (lib/case-records/upload/mapping.ts) and process its
 * kept files again; the admin stays on the upload's page, which shows the progress.
 */
export async function remapCaseUploadAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const t = getMessages(await actionLocale()).caseMapping.errors;
  const parsed = readMappingForm(formData);
  if (!parsed.success) return { message: t.invalid };
  const result = await remapCaseUpload(prisma, parsed.data, guard.viewer.userId, t);
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors };
  queueCaseStaging(parsed.data.uploadId);
  revalidatePath("/admin/cases");
  redirect(localePath(await actionLocale(), `/admin/cases/${parsed.data.uploadId}`));
}
