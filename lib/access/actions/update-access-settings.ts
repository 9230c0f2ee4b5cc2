"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveAccessSettings } from "@/lib/access/access-settings";
import type { AccessSettings } from "@/lib/access/permissions";
import { checkbox, formAction } from "@/lib/action-client/form-action";
import { getMessages } from "@/lib/i18n/messages";

/** A checkbox each; the form cannot fail. */
const schema = z.object({ departmentsReadBulletin: checkbox() });

/** Saves the switchable access rules, audited with before and after. */
export const updateAccessSettingsAction = formAction(
  "security.manage",
  { schema },
  async (after: AccessSettings, viewer) => {
    const t = getMessages().access;
    const changed = await saveAccessSettings(after, viewer.userId);
    revalidatePath("/admin/settings");
    return { ok: true, message: changed ? t.saved : t.unchanged };
  },
);
