// Reporting months are "YYYY-MM" strings everywhere: in the database, in URLs
// and in files. These helpers keep the arithmetic in one place.

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

export function parseMonth(month: string): { year: number; month: number } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return { year: Number(match[1]), month: Number(match[2]) };
}

export function formatMonthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The month `delta` months after `month` (negative for before). */
export function addMonths(month: string, delta: number): string {
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + delta;
  return formatMonthKey(Math.floor(index / 12), (index % 12) + 1);
}

export function previousMonth(month: string): string {
  return addMonths(month, -1);
}

/** `count` consecutive months ending with `last`, oldest first. */
export function monthsEndingWith(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

/** "2021年6月" / "June 2021". */
export function formatMonthLabel(month: string, locale: "zh-CN" | "en" = "zh-CN"): string {
  const { year, month: m } = parseMonth(month);
  if (locale === "en") {
    return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString("en", {
      year: "numeric",
      month: "long",
      timeZone: "UTC",
    });
  }
  return `${year}年${m}月`;
}

/** "21年6月"-style short label for chart axes. */
export function formatMonthShort(month: string, locale: "zh-CN" | "en" = "zh-CN"): string {
  const { year, month: m } = parseMonth(month);
  return locale === "en"
    ? `${String(year).slice(2)}/${String(m).padStart(2, "0")}`
    : `${String(year).slice(2)}年${m}月`;
}
