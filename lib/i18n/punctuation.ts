// The punctuation the product writes around its own words, in the page's language: Chinese
// text takes full-width marks （…）：、，。；, English its own ( … ): , ; — so that an English
// page never carries a Chinese mark (e2e/english.spec.ts). Client-safe (no dictionaries).
import type { FormatLocale } from "@/lib/i18n/format";

const MARKS = {
  "zh-CN": { open: "（", close: "）", colon: "：", list: "、", comma: "，", stop: "。", semicolon: "；", space: "" },
  en: { open: "(", close: ")", colon: ": ", list: ", ", comma: ", ", stop: ".", semicolon: "; ", space: " " },
} as const satisfies Record<FormatLocale, Record<string, string>>;

export type Marks = (typeof MARKS)[FormatLocale];

/** The marks of a language. */
export function marks(locale: FormatLocale): Marks {
  return MARKS[locale];
}

/** "（示例数据）" / "(demo data)". */
export function paren(text: string, locale: FormatLocale): string {
  const m = MARKS[locale];
  return `${m.open}${text}${m.close}`;
}

/** A note after a text: "93.94%（估算）" / "93.94% (estimate)"; the text alone without a note. */
export function withNote(text: string, note: string | null | undefined, locale: FormatLocale): string {
  return note ? `${text}${MARKS[locale].space}${paren(note, locale)}` : text;
}

/** "返回：市本级" / "Back: Municipal level". */
export function labelled(label: string, text: string, locale: FormatLocale): string {
  return `${label}${MARKS[locale].colon}${text}`;
}

/** "甲、乙、丙" / "A, B, C". */
export function joinList(items: readonly string[], locale: FormatLocale): string {
  return items.join(MARKS[locale].list);
}

/** Where a Chinese name (unit, item, account, file) or quoted text sits on a page of another
 * language: lang="zh-CN" lets a screen reader switch voice, and marks it as a name, not a label. */
export function nameLang(locale: FormatLocale): "zh-CN" | undefined {
  return locale === "zh-CN" ? undefined : "zh-CN";
}
