// Numbers as the dashboard shows them, zh-CN first: counts with thousands separators, rates
// with exactly 2 decimals rounded the way the bulletin rounds, signed changes with "+" and
// a true minus sign (−). "—" stands for a figure that does not exist (null), never "0".

import { roundRate } from "@/lib/indicators/rates";

export type FormatLocale = "zh-CN" | "en";

/** Shown for a missing figure (no denominator, no previous month, not stated). */
export const MISSING = "—";

/** U+2212, used for signed changes so that "−35.09" reads as a minus, not a hyphen. */
const MINUS = "\u2212";

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: FormatLocale, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${fractionDigits}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      useGrouping: true,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

function isMissing(value: number | null | undefined): value is null | undefined {
  return value == null || !Number.isFinite(value);
}

function countUnit(n: number, locale: FormatLocale): string {
  if (locale === "zh-CN") return "件";
  return Math.abs(n) === 1 ? " case" : " cases";
}

export type CountFormatOptions = { unit?: boolean; locale?: FormatLocale };

/** 1048053 → "1,048,053"; with { unit: true } → "1,048,053件" ("1,048,053 cases" in en). */
export function formatCount(n: number | null | undefined, options: CountFormatOptions = {}): string {
  if (isMissing(n)) return MISSING;
  const locale = options.locale ?? "zh-CN";
  const rounded = Math.round(n);
  const text = (rounded < 0 ? MINUS : "") + numberFormat(locale, 0).format(Math.abs(rounded));
  return options.unit ? text + countUnit(rounded, locale) : text;
}

/**
 * 32.0065… → "32.01%": always 2 decimals, rounded half away from zero as the report prints
 * (Intl alone would round the binary value, turning 32.005 into "32.00"). Negative rates take
 * the one minus sign of the dashboard (办理提速 −19.97%); the bulletin's own files print the
 * report's "-" (lib/bulletin).
 */
export function formatRate(value: number | null | undefined, locale: FormatLocale = "zh-CN"): string {
  if (isMissing(value)) return MISSING;
  const rounded = roundRate(value);
  return `${(rounded < 0 ? MINUS : "") + numberFormat(locale, 2).format(Math.abs(rounded))}%`;
}

/** "+" for positive, "−" for negative, nothing for zero (after rounding). */
function signOf(rounded: number): string {
  return rounded > 0 ? "+" : rounded < 0 ? MINUS : "";
}

/** A change of a count: 172171 → "+172,171", −5 → "−5", 0 → "0". */
export function formatSignedCount(n: number | null | undefined, options: CountFormatOptions = {}): string {
  if (isMissing(n)) return MISSING;
  const locale = options.locale ?? "zh-CN";
  const rounded = Math.round(n);
  const text = signOf(rounded) + numberFormat(locale, 0).format(Math.abs(rounded));
  return options.unit ? text + countUnit(rounded, locale) : text;
}

/** A change of a rate in percentage points: −35.09 → "−35.09个百分点" ("−35.09 pp" in en). */
export function formatPoints(points: number | null | undefined, locale: FormatLocale = "zh-CN"): string {
  if (isMissing(points)) return MISSING;
  const rounded = roundRate(points);
  const text = signOf(rounded) + numberFormat(locale, 2).format(Math.abs(rounded));
  return locale === "zh-CN" ? `${text}个百分点` : `${text} pp`;
}

/** A relative change of a count, in percent: 31.3246 → "+31.32%". */
export function formatSignedRate(value: number | null | undefined, locale: FormatLocale = "zh-CN"): string {
  if (isMissing(value)) return MISSING;
  const rounded = roundRate(value);
  return `${signOf(rounded) + numberFormat(locale, 2).format(Math.abs(rounded))}%`;
}
