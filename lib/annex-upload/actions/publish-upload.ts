"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkbox, formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import { publishUpload } from "@/lib/annex-upload/publish-upload";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { prisma } from "@/lib/db";
import { localePath } from "@/lib/i18n/locale";
import { getMessages } from "@/lib/i18n/messages";
import { mappingsFrom, summaryFormFrom } from "./form-data";

const uploadId = z.coerce.number().int().positive();
const choices = z.object({ uploadId });
const publish = z.object({
  uploadId,
  /** The version the preview showed ("" when the month had none); absent: the staged upload's base. */
  baseVersionId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).optional(),
  acknowledge: checkbox(),
  acknowledgeGaps: checkbox(),
});

/** Saves the preview's unit mappings and summary figures on the staged upload; the page checks again. */
export const saveUploadChoicesAction = formAction(
  "data.manage",
  { schema: choices, invalid: INVALID_INPUT },
  async ({ uploadId }, _viewer, { formData }) => {
    const upload = await prisma.upload.findUnique({ where: { id: uploadId }, select: { status: true } });
    if (upload?.status !== "STAGED") return { message: "该上传不能再修改。" };
    await prisma.upload.update({
      where: { id: uploadId },
      data: { unitMappings: mappingsFrom(formData), summaryForm: summaryFormFrom(formData) },
    });
    revalidatePath(`/admin/uploads/${uploadId}`);
    return { ok: true, message: getMessages().upload.saved };
  },
);

/**
 * Publish: re-checks the stored bytes with the form's mappings, writes the new version in one
 * transaction (lib/annex-upload/publish-upload.ts), then expires the report data at once (updateTag:
 * the next request reads the new figures, no stale copy) and every prerendered page.
 */
export const publishUploadAction = formAction(
  "data.manage",
  { schema: publish, invalid: INVALID_INPUT },
  async (input, viewer, { formData, locale }) => {
    const result = await publishUpload(prisma, {
      uploadId: input.uploadId,
      baseVersionId: input.baseVersionId,
      actorId: viewer.userId,
      acknowledgeWarnings: input.acknowledge,
      acknowledgeGaps: input.acknowledgeGaps,
      mappings: mappingsFrom(formData),
      summaryForm: summaryFormFrom(formData),
      locale,
    });
    if (!result.ok) return { message: result.message };
    await expireReportData();
    revalidatePath("/", "layout");
    redirect(localePath(locale, `/admin/months/${result.month}?published=${result.number}`));
  },
);
