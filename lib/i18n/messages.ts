import { en } from "@/lib/i18n/en";
import { type Messages, zhCN } from "@/lib/i18n/zh-CN";

export type Locale = "zh-CN" | "en";
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function getMessages(locale: Locale = DEFAULT_LOCALE): Messages {
  return locale === "en" ? en : zhCN;
}

// fill lives in its own module so that client components can use it without the dictionaries.
export { fill } from "@/lib/i18n/fill";

export type { Messages };
