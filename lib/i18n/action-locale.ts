import "server-only";
// The language a server action was posted from. Actions get no route params, but
// the browser names the page it posted from (Referer, same origin: the app's
// referrer policy keeps the path): its /en prefix says English. Used only to
// choose where to redirect; nothing is decided on it.
import { headers } from "next/headers";
import { splitLocale } from "@/lib/i18n/locale";
import type { Locale } from "@/lib/i18n/messages";

export async function actionLocale(): Promise<Locale> {
  const referer = (await headers()).get("referer");
  if (!referer) return "zh-CN";
  try {
    return splitLocale(new URL(referer).pathname).locale;
  } catch {
    return "zh-CN";
  }
}
