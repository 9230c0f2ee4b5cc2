"use server";

// The admin's forms on 预警设置: the card rules' parameters (with their bounds) and a unit's
// contact address for the digest. Admin only (data.manage, checked again here); each write and its
// audit event are one transaction.
import { revalidatePath, updateTag } from "next/cache";
import { formAction } from "@/lib/action-client/form-action";
import { SUPERVISION_CARDS_TAG } from "@/lib/cache/cache-tags";
import { prisma } from "@/lib/db";
import { forgetCardReads } from "../brief-memo";
import { cardSettingsSchema, saveCardSettings } from "../card-settings";
import { contactEmailSchema, setUnitContactEmail } from "../unit-contact";

const SETTINGS_PATH = "/admin/settings/supervision";

export const saveCardSettingsAction = formAction(
  "data.manage",
  { schema: cardSettingsSchema },
  async (settings, viewer, { messages }) => {
    await saveCardSettings(prisma, settings, viewer.userId);
    // The rules changed the cards: the memo and the 预警 pages' cached versions (every instance).
    forgetCardReads();
    updateTag(SUPERVISION_CARDS_TAG);
    revalidatePath(SETTINGS_PATH);
    return { ok: true, message: messages.supervision.settings.saved };
  },
);

export const saveContactEmailAction = formAction(
  "data.manage",
  { schema: contactEmailSchema },
  async ({ unitCode, contactEmail }, viewer, { messages }) => {
    const saved = await setUnitContactEmail(prisma, unitCode, contactEmail, viewer.userId);
    if (!saved) return { message: "参数无效 / invalid input" };
    revalidatePath(SETTINGS_PATH);
    return { ok: true, message: messages.supervision.settings.saved };
  },
);
