"use server";
// Issue 22 (身份鉴别): the user's own enrolment (/account/two-factor), and the security
// administrator's switch for department users and reset of a user's second factor (/admin/security).

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { readSession, reissueToken } from "@/lib/access/session";
import { confirmEnrolment, resetSecondFactor } from "@/lib/access/two-factor/enrolment";
import { saveTwoFactorSettings, type TwoFactorSettings } from "@/lib/access/two-factor/settings";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { checkbox, formAction } from "@/lib/action-client/form-action";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { fill, getMessages } from "@/lib/i18n/messages";

export type EnrolmentState = { error?: string; recoveryCodes?: string[] };

/**
 * Confirms the secret the page showed with a code from the app. Every other session of the user
 * ends (lib/access/two-factor/enrolment.ts); this browser's cookie is re-issued for the new
 * sessionVersion, so the user goes on signed in and sees the recovery codes once.
 */
export async function confirmEnrolmentAction(_previous: EnrolmentState, formData: FormData): Promise<EnrolmentState> {
  const t = getMessages(await actionLocale()).twoFactor.page;
  const cookieStore = await cookies();
  const session = await readSession(cookieStore.getAll());
  if (!session) return { error: t.errors.signedOut };
  const userId = session.viewer.userId;
  const result = await confirmEnrolment(
    prisma,
    userId,
    String(formData.get("pending") ?? ""),
    String(formData.get("code") ?? ""),
    new Date(),
    typeof session.payload.sid === "string" ? session.payload.sid : null,
  );
  if (!result.ok) return { error: t.errors[result.reason] };
  await forgetUserStatus(userId);
  const { value, expires } = await reissueToken({
    ...session,
    payload: { ...session.payload, sessionVersion: result.sessionVersion },
  });
  cookieStore.set(session.cookieName, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: session.cookieName.startsWith("__Secure-"),
    expires,
  });
  return { recoveryCodes: result.recoveryCodes };
}

/** The switch for department and county users; audited with before and after (settings.update). */
export const updateTwoFactorSettingsAction = formAction(
  "security.manage",
  { schema: z.object({ departments: checkbox() }) },
  async (after: TwoFactorSettings, viewer, { messages }) => {
    const t = messages.twoFactor.admin;
    const changed = await saveTwoFactorSettings(after, viewer.userId);
    revalidatePath("/admin/security");
    return { ok: true, message: changed ? t.saved : t.unchanged };
  },
);

/** The security administrator resets a user's second factor (issue 22); the system administrator cannot. */
export const resetTwoFactorAction = formAction(
  "security.manage",
  { schema: (messages) => z.object({ username: z.string().trim().min(1, messages.twoFactor.admin.required).max(64) }) },
  async ({ username }, viewer, { messages }) => {
    const t = messages.twoFactor.admin;
    const user = await prisma.user.findUnique({ where: { username }, select: { id: true } });
    if (!user) return { message: fill(t.unknownUser, { username }) };
    const reset = await resetSecondFactor(prisma, viewer.userId, user.id);
    if (!reset) return { message: fill(t.notEnrolled, { username }) };
    await forgetUserStatus(user.id);
    return { ok: true, message: fill(t.resetDone, { username }) };
  },
);
