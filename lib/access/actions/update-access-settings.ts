"use server";

import { revalidatePath } from "next/cache";
import { ACCESS_SETTINGS_KEY, forgetAccessSettings, readStoredAccessSettings } from "@/lib/access/access-settings";
import { guardAction } from "@/lib/access/guard";
import type { AccessSettings } from "@/lib/access/permissions";
import type { FormState } from "@/lib/action-client/form-state";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getMessages } from "@/lib/i18n/messages";
import { saveSetting } from "@/lib/settings/save-setting";

/** Saves the switchable access rules (a checkbox each: present = on), audited with before and after. */
export async function updateAccessSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("users.manage");
  if (!guard.ok) return { message: guard.error };
  const t = getMessages().access;
  const after: AccessSettings = { departmentsReadBulletin: formData.get("departmentsReadBulletin") === "on" };
  const changed = await prisma.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: ACCESS_SETTINGS_KEY } });
    const before = readStoredAccessSettings(row?.value);
    if (row && before.departmentsReadBulletin === after.departmentsReadBulletin) return false;
    await saveSetting(tx, ACCESS_SETTINGS_KEY, after as unknown as Prisma.InputJsonValue, guard.viewer.userId, {
      before,
      after,
    } as unknown as Prisma.InputJsonValue);
    return true;
  });
  forgetAccessSettings();
  revalidatePath("/admin/settings");
  return { ok: true, message: changed ? t.saved : t.unchanged };
}
