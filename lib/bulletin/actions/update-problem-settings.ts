"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/action-client/form-action";
import {
  changedSettings,
  PROBLEM_SETTINGS_KEY,
  problemSettingsInput,
  problemSettingsSchema,
  readStoredProblemSettings,
} from "@/lib/bulletin/thresholds/problem-settings";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getMessages } from "@/lib/i18n/messages";
import { saveSetting } from "@/lib/settings/save-setting";

/**
 * Saves the thresholds of the 存在的问题 rules (one Setting row), audited with the values
 * before and after; every page and bulletin that lists problems is regenerated.
 */
export const updateProblemSettingsAction = formAction(
  "data.manage",
  { schema: problemSettingsSchema, input: problemSettingsInput },
  async (after, viewer) => {
    const t = getMessages().bulletin.admin.settings;

    const changed = await prisma.$transaction(async (tx) => {
      const row = await tx.setting.findUnique({ where: { key: PROBLEM_SETTINGS_KEY } });
      const before = readStoredProblemSettings(row?.value).settings;
      const fields = changedSettings(before, after);
      // A stored row that did not read cleanly is rewritten even when the values look the same.
      if (fields.length === 0 && row !== null && readStoredProblemSettings(row.value).invalid.length === 0)
        return fields;
      await saveSetting(tx, PROBLEM_SETTINGS_KEY, after as unknown as Prisma.InputJsonValue, viewer.userId, {
        changed: fields,
        before,
        after,
      } as unknown as Prisma.InputJsonValue);
      return fields.length === 0 ? ["(rewritten)"] : fields;
    });
    if (changed.length === 0) return { ok: true, message: t.unchanged };
    await expireReportData();
    revalidatePath("/admin/settings");
    return { ok: true, message: t.saved };
  },
);
