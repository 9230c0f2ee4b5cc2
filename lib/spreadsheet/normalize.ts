// Text normalisation for matching what people type into spreadsheets against what we expect:
// full-width characters, stray spaces and line breaks inside labels and names, brackets of
// every shape, numbers written as text.

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]+/g;

/**
 * A header label as a lookup key: NFKC (full-width → half-width, so `（件）` → `(件)`), no
 * whitespace at all (the report breaks `超时办\n结`), one kind of bracket, unit markers such as
 * (件) (%) (选填) dropped, lower case (for the glossary identifiers).
 */
export function labelKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/[【〔［[｛{〈《]/g, "(")
    .replace(/[】〕］\]｝}〉》]/g, ")")
    .replace(/\((件|%|个|次|率|选填|可选|optional)\)/gi, "")
    .replace(/%/g, "")
    .replace(/[:：]$/, "")
    .toLowerCase();
}

/** A unit's name as written, whitespace removed (`渠 县` → `渠县`); the name that is shown. */
export function cleanUnitName(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** A unit's name as a matching key: also NFKC, so full-width and half-width forms meet. */
export function unitNameKey(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "");
}

/** Free text (titles, notes) for pattern search: NFKC, whitespace runs kept as one space. */
export function plainText(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, " ").trim();
}

/** Spreadsheet column letter of a 0-based column index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export type NumericText = { value: number; percent: boolean };

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * A number written as text: `1234`, `1,234`, `85.16%`, `-19.97%`, `０`, with spaces and
 * full-width characters tolerated. Null when it is not a number.
 */
export function parseNumericText(text: string): NumericText | null {
  let s = text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/[\u2212\u2012-\u2015]/g, "-");
  if (s === "") return null;
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1);
  }
  if (GROUPED_NUMBER.test(s)) s = s.replace(/,/g, "");
  else if (!PLAIN_NUMBER.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? { value, percent } : null;
}

/** Removes binary floating-point noise: 0.8516 × 100 → 85.16, not 85.16000000000001. */
export function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/** Months in free text: `（2021年 6月）`, `2021年6月`, `2021-06`, `2021/6`; not dates with a day. */
export function findMonthsInText(text: string): string[] {
  const s = plainText(text);
  const months: string[] = [];
  const cn = /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)/g;
  const iso = /(?<![\d.\-/])(\d{4})\s*[-/.]\s*(\d{1,2})(?![\d.\-/])/g;
  for (const re of [cn, iso]) {
    for (const match of s.matchAll(re)) {
      const month = monthKey(Number(match[1]), Number(match[2]));
      if (month) months.push(month);
    }
  }
  return months;
}

/**
 * A 月份 cell's text as a month: `2021-06`, `2021/6`, `2021.06`, `2021年6月`, `202106`, or a
 * full date (`2021-06-01`, `2021/6/1`: its month). Null when it is not one.
 */
export function parseMonthText(text: string): string | null {
  const s = plainText(text).replace(/\s+/g, "");
  let m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (!m) m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  return m ? monthKey(Number(m[1]), Number(m[2])) : null;
}

function monthKey(year: number, month: number): string | null {
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** Levenshtein distance, O(a·b) time and O(b) memory; names are short. */
export function editDistance(a: string, b: string): number {
  const A = Array.from(a);
  const B = Array.from(b);
  let prev = Array.from({ length: B.length + 1 }, (_, j) => j);
  for (let i = 1; i <= A.length; i++) {
    const cur = [i];
    for (let j = 1; j <= B.length; j++) {
      const cost = A[i - 1] === B[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[B.length]!;
}
