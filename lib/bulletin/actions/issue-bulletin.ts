"use server";

import { revalidatePath, updateTag } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/access/guard";
import { type FormState, submittedValues } from "@/lib/action-client/form-state";
import { issueBulletin, MAX_CORRECTION_NOTE_LENGTH } from "@/lib/bulletin/issue/issue-bulletin";
import { REPORT_DATA_TAG } from "@/lib/cache/cache-tags";
import { isMonth } from "@/lib/calendar/month";
import { prisma } from "@/lib/db";
import { fill, getMessages } from "@/lib/i18n/messages";

const input = z.object({ month: z.string().refine(isMonth), correctionNote: z.string().optional() });

/**
 * 印发: freezes the month's bulletin as it is now (lib/bulletin/issue), audited as
 * bulletin.issue. Guarded by data.manage until a report.issue permission exists.
 */
export async function issueBulletinAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("report.issue");
  if (!guard.ok) return { message: guard.error };
  const t = getMessages().figures.issue;
  const parsed = input.safeParse({
    month: formData.get("month"),
    correctionNote: formData.get("correctionNote") ?? undefined,
  });
  if (!parsed.success) return { message: "参数无效 / invalid input" };
  const result = await issueBulletin(prisma, {
    month: parsed.data.month,
    actorId: guard.viewer.userId,
    correctionNote: parsed.data.correctionNote,
  });
  if (!result.ok) {
    const message = {
      noMonth: t.noMonth,
      noteRequired: t.noteRequired,
      noteTooLong: fill(t.noteTooLong, { max: MAX_CORRECTION_NOTE_LENGTH }),
      conflict: t.conflict,
    }[result.reason];
    return {
      message,
      fieldErrors: result.reason.startsWith("note") ? { correctionNote: [message] } : undefined,
      values: submittedValues(formData),
    };
  }
  updateTag(REPORT_DATA_TAG);
  revalidatePath(`/reports/${parsed.data.month}`);
  revalidatePath(`/admin/reports/${parsed.data.month}`);
  revalidatePath("/admin/reports");
  return { ok: true, message: fill(t.issued, { edition: result.edition }) };
}
