// Month over month (较上月). Counts change by a difference and a relative percentage; rates
// change by percentage points (个百分点), never by a percentage of a percentage. With no
// previous month there is no change: null, not 0.

import { type Percent, percent, roundRate } from "./rates";
import { COUNT_FIELDS, type CountField, RATE_FIELDS, type RateField, type StatRow } from "./types";

export type CountChange = {
  current: number;
  previous: number;
  /** current − previous (721,807 − 549,636 = +172,171). */
  difference: number;
  /** difference / previous × 100, unrounded; null when the previous month had 0. */
  relative: Percent | null;
};

/** Change of a count; null when either month's value is missing. */
export function countChange(
  current: number | null | undefined,
  previous: number | null | undefined,
): CountChange | null {
  if (current == null || previous == null) return null;
  const difference = current - previous;
  return { current, previous, difference, relative: percent(difference, previous) };
}

export type RateChange = {
  current: Percent;
  previous: Percent;
  /** current − previous in percentage points, rounded to 2 decimals (93.94 − 129.03 = −35.09). */
  points: number;
};

/**
 * Change of a rate in percentage points. Both rates are first rounded as printed, so the
 * change agrees with the two figures a reader sees side by side.
 */
export function rateChange(
  current: Percent | null | undefined,
  previous: Percent | null | undefined,
): RateChange | null {
  if (current == null || previous == null) return null;
  return { current, previous, points: roundRate(roundRate(current) - roundRate(previous)) };
}

export type RowChanges = {
  counts: Record<CountField, CountChange | null>;
  rates: Record<RateField, RateChange | null>;
};

/** Every annex column's change for one unit; all null when the unit has no previous row. */
export function rowChanges(current: StatRow, previous: StatRow | null | undefined): RowChanges {
  const counts = {} as Record<CountField, CountChange | null>;
  for (const field of COUNT_FIELDS) counts[field] = countChange(current[field], previous?.[field]);
  const rates = {} as Record<RateField, RateChange | null>;
  for (const field of RATE_FIELDS) rates[field] = rateChange(current[field], previous?.[field]);
  return { counts, rates };
}
