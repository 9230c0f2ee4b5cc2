"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ACCESS_SETTINGS_KEY, forgetAccessSettings, readStoredAccessSettings } from "@/lib/access/access-settings";
import type { AccessSettings } from "@/lib/access/permissions";
import { checkbox, formAction } from "@/lib/action-client/form-action";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getMessages } from "@/lib/i18n/messages";
import { saveSetting } from "@/lib/settings/save-setting";

/** A checkbox each; the form cannot fail. */
const schema = z.object({ departmentsReadBulletin: checkbox() });

/** Saves the switchable access rules, audited with before and after. */
export const updateAccessSettingsAction = formAction(
  "security.manage",
  { schema },
  async (after: AccessSettings, viewer) => {
    const t = getMessages().access;
    const changed = await prisma.$transaction(async (tx) => {
      const row = await tx.setting.findUnique({ where: { key: ACCESS_SETTINGS_KEY } });
      const before = readStoredAccessSettings(row?.value);
      if (row && before.departmentsReadBulletin === after.departmentsReadBulletin) return false;
      await saveSetting(tx, ACCESS_SETTINGS_KEY, after as unknown as Prisma.InputJsonValue, viewer.userId, {
        before,
        after,
      } as unknown as Prisma.InputJsonValue);
      return true;
    });
    forgetAccessSettings();
    revalidatePath("/admin/settings");
    return { ok: true, message: changed ? t.saved : t.unchanged };
  },
);
