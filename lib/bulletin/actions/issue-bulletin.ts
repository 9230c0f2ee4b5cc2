"use server";

import { revalidatePath, updateTag } from "next/cache";
import { z } from "zod";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import { submittedValues } from "@/lib/action-client/form-state";
import { issueBulletin, MAX_CORRECTION_NOTE_LENGTH } from "@/lib/bulletin/issue/issue-bulletin";
import { REPORT_DATA_TAG } from "@/lib/cache/cache-tags";
import { isMonth } from "@/lib/calendar/month";
import { prisma } from "@/lib/db";
import { fill, getMessages } from "@/lib/i18n/messages";

const input = z.object({ month: z.string().refine(isMonth), correctionNote: z.string().optional() });

/**
 * 印发: freezes the month's bulletin as it is now (lib/bulletin/issue), audited as
 * bulletin.issue. Guarded by report.issue (lib/access/permissions.ts).
 */
export const issueBulletinAction = formAction(
  "report.issue",
  { schema: input, invalid: INVALID_INPUT },
  async ({ month, correctionNote }, viewer, { formData }) => {
    const messages = getMessages();
    const t = messages.figures.issue;
    const result = await issueBulletin(prisma, { month, actorId: viewer.userId, correctionNote });
    if (!result.ok) {
      const message = {
        noMonth: t.noMonth,
        noteRequired: t.noteRequired,
        noteTooLong: fill(t.noteTooLong, { max: MAX_CORRECTION_NOTE_LENGTH }),
        conflict: t.conflict,
        provisional: fill(messages.dailyFeed.provisional.issueRefused, {
          month,
          date: result.reason === "provisional" ? result.asOf : "",
        }),
      }[result.reason];
      return {
        message,
        fieldErrors: result.reason.startsWith("note") ? { correctionNote: [message] } : undefined,
        values: submittedValues(formData),
      };
    }
    updateTag(REPORT_DATA_TAG);
    revalidatePath(`/reports/${month}`);
    revalidatePath(`/admin/reports/${month}`);
    revalidatePath("/admin/reports");
    return { ok: true, message: fill(t.issued, { edition: result.edition }) };
  },
);
