"use server";

import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/access/guard";
import { type FormState, submittedValues } from "@/lib/action-client/form-state";
import {
  changedSettings,
  PROBLEM_SETTINGS_KEY,
  parseProblemSettingsForm,
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
export async function updateProblemSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = parseProblemSettingsForm(formData);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values: submittedValues(formData) };
  const t = getMessages().bulletin.admin.settings;
  const after = parsed.settings;

  const changed = await prisma.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: PROBLEM_SETTINGS_KEY } });
    const before = readStoredProblemSettings(row?.value).settings;
    const fields = changedSettings(before, after);
    // A stored row that did not read cleanly is rewritten even when the values look the same.
    if (fields.length === 0 && row !== null && readStoredProblemSettings(row.value).invalid.length === 0) return fields;
    await saveSetting(tx, PROBLEM_SETTINGS_KEY, after as unknown as Prisma.InputJsonValue, guard.viewer.userId, {
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
}
