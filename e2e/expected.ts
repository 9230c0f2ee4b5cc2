// Expected figures for the e2e specs, straight from the reference JSON and
// formatted independently of the app's own formatter (lib/format.ts), so a
// formatting bug in the app fails the tests instead of hiding in them.
import reference from "../prisma/reference/2021-06.json" with { type: "json" };

export { reference };

export const count = (n: number) => n.toLocaleString("en-US");
export const countWithUnit = (n: number) => `${count(n)}件`;
export const rate = (n: number) => `${n.toFixed(2)}%`;

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
export function cellText(row: AnnexRow, field: (typeof ANNEX_FIELDS)[number]): string {
  const value = row[field];
  return RATE_FIELDS.has(field) ? rate(value) : count(value);
}

/** A unit "has no cases" when every case count is zero (rates and coverage describe its catalogue). */
export function hasNoCases(row: AnnexRow): boolean {
  return ANNEX_FIELDS.filter((f) => !RATE_FIELDS.has(f) && f !== "activeEvaluations").every((f) => row[f] === 0);
}
