"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardAction } from "@/lib/access/guard";
import type { FormState } from "@/lib/action-client/form-state";
import { publishUpload } from "@/lib/annex-upload/publish-upload";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { localePath } from "@/lib/i18n/locale";
import { getMessages } from "@/lib/i18n/messages";
import { mappingsFrom, summaryFormFrom } from "./form-data";

const schema = z.object({ uploadId: z.coerce.number().int().positive() });
/** The version the preview showed ("" when the month had none); absent: the staged upload's base. */
const baseSchema = z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).optional();

/** Saves the preview's unit mappings and summary figures on the staged upload; the page checks again. */
export async function saveUploadChoicesAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = schema.safeParse({ uploadId: formData.get("uploadId") });
  if (!parsed.success) return { message: "参数无效 / invalid input" };
  const upload = await prisma.upload.findUnique({ where: { id: parsed.data.uploadId }, select: { status: true } });
  if (!upload || upload.status !== "STAGED") return { message: "该上传不能再修改。" };
  await prisma.upload.update({
    where: { id: parsed.data.uploadId },
    data: { unitMappings: mappingsFrom(formData), summaryForm: summaryFormFrom(formData) },
  });
  revalidatePath(`/admin/uploads/${parsed.data.uploadId}`);
  return { ok: true, message: getMessages().upload.saved };
}

/**
 * Publish: re-checks the stored bytes with the form's mappings, writes the new version in one
 * transaction (lib/annex-upload/publish-upload.ts), then expires the report data at once (updateTag:
 * the next request reads the new figures, no stale copy) and every prerendered page.
 */
export async function publishUploadAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = schema.safeParse({ uploadId: formData.get("uploadId") });
  const base = baseSchema.safeParse(formData.get("baseVersionId") ?? undefined);
  if (!parsed.success || !base.success) return { message: "参数无效 / invalid input" };
  const result = await publishUpload(prisma, {
    uploadId: parsed.data.uploadId,
    baseVersionId: base.data,
    actorId: guard.viewer.userId,
    acknowledgeWarnings: formData.get("acknowledge") === "on",
    acknowledgeGaps: formData.get("acknowledgeGaps") === "on",
    mappings: mappingsFrom(formData),
    summaryForm: summaryFormFrom(formData),
  });
  if (!result.ok) return { message: result.message };
  await expireReportData();
  revalidatePath("/", "layout");
  redirect(localePath(await actionLocale(), `/admin/months/${result.month}?published=${result.number}`));
}
