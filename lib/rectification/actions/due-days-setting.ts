"use server";
// The admin's setting: how many working days a unit has to answer a 整改 task (Setting
// "rectification.dueWorkingDays", audited as settings.update). Applies to tasks opened from then on.
import { z } from "zod";
import { formAction } from "@/lib/action-client/form-action";
import { submittedValues } from "@/lib/action-client/form-state";
import { prisma } from "@/lib/db";
import { fill } from "@/lib/i18n/messages";
import { saveSetting } from "@/lib/settings/save-setting";
import { DUE_WORKING_DAYS_SETTING, readDueWorkingDays } from "../settings";

export const saveDueDaysAction = formAction(
  "data.manage",
  {
    schema: (m) =>
      z.object({
        days: z.coerce
          .number(m.rectification.settings.invalid)
          .int(m.rectification.settings.invalid)
          .min(1, m.rectification.settings.invalid)
          .max(60, m.rectification.settings.invalid),
      }),
  },
  async ({ days }, viewer, { formData, messages }) => {
    const t = messages.rectification.settings;
    const before = await readDueWorkingDays(prisma);
    if (before === days) return { ok: true, message: t.unchanged, values: submittedValues(formData) };
    await prisma.$transaction((tx) =>
      saveSetting(tx, DUE_WORKING_DAYS_SETTING, days, viewer.userId, { from: before, to: days }),
    );
    return { ok: true, message: fill(t.saved, { days }), values: submittedValues(formData) };
  },
);
