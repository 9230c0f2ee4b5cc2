// Expected figures for the e2e specs, straight from the reference JSON and
// formatted independently of the app's own formatter (lib/i18n/format.ts), so a
// formatting bug in the app fails the tests instead of hiding in them.
import reference from "../prisma/reference/2021-06.json" with { type: "json" };

export { reference };

export const count = (n: number) => n.toLocaleString("en-US");
export const countWithUnit = (n: number) => `${count(n)}件`;
/** The dashboard's one minus sign is U+2212 (the bulletin's own annex keeps the report's "-"). */
export const rate = (n: number) => `${n < 0 ? "\u2212" : ""}${Math.abs(n).toFixed(2)}%`;

export const RATE_FIELDS = new Set([
  "promiseSpeedupRate",
  "handlingSpeedupRate",
  "earlyCompletionRate",
  "onlineHandlingRate",
  "onlineHandlingSpeedupRate",
  "onlineEarlyCompletionRate",
  "coverageRate",
]);

export const ANNEX_FIELDS = Object.keys(reference.columns) as Array<keyof typeof reference.columns>;

export type AnnexRow = (typeof reference.annex1_departments)[number];

/** What a cell of the annex table shows for a field. */
/** The count each case rate stands on: with it 0 the table shows "—" (no base), not 0.00%. */
const RATE_BASE: Partial<Record<(typeof ANNEX_FIELDS)[number], (typeof ANNEX_FIELDS)[number]>> = {
  handlingSpeedupRate: "promisedCompleted",
  earlyCompletionRate: "promisedCompleted",
  onlineHandlingRate: "onlinePromisedCompleted",
  onlineHandlingSpeedupRate: "onlinePromisedCompleted",
  onlineEarlyCompletionRate: "onlinePromisedCompleted",
};

export function cellText(row: AnnexRow, field: (typeof ANNEX_FIELDS)[number]): string {
  const value = row[field];
  const base = RATE_BASE[field];
  if (base && row[base] === 0) return "—";
  return RATE_FIELDS.has(field) ? rate(value) : count(value);
}

/** A unit "has no cases" when every case count is zero (rates and coverage describe its catalogue). */
export function hasNoCases(row: AnnexRow): boolean {
  return ANNEX_FIELDS.filter((f) => !RATE_FIELDS.has(f) && f !== "activeEvaluations").every((f) => row[f] === 0);
}
