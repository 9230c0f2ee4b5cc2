// How the bulletin prints numbers. It follows the printed report, not the dashboard: counts
// as plain digits (1048053, no 千分位), rates with exactly 2 decimals and "%" (33.19%,
// -19.97%), changes in points without a sign (the sentence says 上升/下降). Rounding is the
// indicators' (roundRate: half away from zero, as the report rounds). A figure that does
// not exist is printed as MISSING_FIGURE, never as 0.

import { roundRate } from "@/lib/indicators/rates";

/** Printed where a figure is neither stated for the month nor computable from its rows. */
export const MISSING_FIGURE = "（未填报）";

/** 1048053 → "1048053"; null → "（未填报）". */
export function plainCount(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return MISSING_FIGURE;
  return String(Math.round(n));
}

/** 1048053 → "1048053件" (unit appended only to a real figure). */
export function countWithUnit(n: number | null | undefined, unit: string): string {
  const text = plainCount(n);
  return text === MISSING_FIGURE ? text : text + unit;
}

/** 33.19 → "33.19%", 100 → "100.00%", −19.97 → "-19.97%"; null → "（未填报）". */
export function plainRate(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return MISSING_FIGURE;
  return `${roundRate(value).toFixed(2)}%`;
}

/** A change in points, unsigned: −35.09 → "35.09". */
export function plainPoints(points: number): string {
  return Math.abs(roundRate(points)).toFixed(2);
}
