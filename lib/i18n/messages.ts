import { en } from "@/lib/i18n/en";
import { zhCN, type Messages } from "@/lib/i18n/zh-CN";

export type Locale = "zh-CN" | "en";
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function getMessages(locale: Locale = DEFAULT_LOCALE): Messages {
  return locale === "en" ? en : zhCN;
}

/** Fills "{name}" placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

export type { Messages };
