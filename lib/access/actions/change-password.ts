"use server";

import { headers } from "next/headers";
import { changeOwnPassword } from "@/lib/access/accounts/change-password";
import { signOut } from "@/lib/access/auth";
import { CLIENT_ADDRESS_HEADER } from "@/lib/access/client-address";
import { getViewer } from "@/lib/access/guard";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { localePath } from "@/lib/i18n/locale";
import { getMessages } from "@/lib/i18n/messages";

export type ChangePasswordState = { error?: string };

/**
 * The signed-in user's own password; on success their sessions end and they sign in again.
 * A wrong current password counts like a failed sign-in (lib/access/accounts/change-password.ts).
 */
export async function changePasswordAction(
  _previous: ChangePasswordState,
  formData: FormData,
): Promise<ChangePasswordState> {
  const viewer = await getViewer();
  if (!viewer) return { error: "登录已失效，请重新登录。" };
  const text = (key: string) => String(formData.get(key) ?? "");
  const locale = await actionLocale();
  const result = await changeOwnPassword(
    prisma,
    viewer.userId,
    { current: text("current"), next: text("next"), confirm: text("confirm") },
    getMessages(locale).readers.password,
    // Set from the socket (or the trusted proxies) as the request arrived: lib/access/client-address.ts.
    (await headers()).get(CLIENT_ADDRESS_HEADER) || "unknown",
    locale,
  );
  if (!result.ok) return { error: result.error };
  await signOut({ redirectTo: localePath(locale, "/signin?passwordChanged=1") });
  return {};
}
