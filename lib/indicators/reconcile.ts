// Stated totals against the sum of the rows. Real bulletins disagree with their own annexes
// (2021-06 市本级: 46,016 applications stated, 46,015 in the department rows); the product
// shows such differences rather than silently picking one figure.

import { sumCounts, sumField } from "./aggregate";
import { onlineShare, onTimeCompletionRate, roundRate } from "./rates";
import {
  COUNT_FIELDS,
  type CountField,
  REPORTED_SUMMARY_FIELDS,
  type ReportedSummary,
  type ReportedSummaryField,
  type StatRow,
} from "./types";

/** Stated counts that are plain sums of an annex column: the summary's counts, in its order. */
export const RECONCILED_COUNT_FIELDS: readonly ReconciledCountField[] = REPORTED_SUMMARY_FIELDS.filter(
  (field): field is ReconciledCountField => (COUNT_FIELDS as readonly string[]).includes(field),
);
type ReconciledCountField = Extract<ReportedSummaryField, CountField>;

/** Stated rates that are exact ratios of annex columns (compared as printed, 2 decimals). */
export const RECONCILED_RATE_FIELDS = ["onlineShare", "onTimeCompletionRate"] as const;

export type ReconciledField = ReconciledCountField | (typeof RECONCILED_RATE_FIELDS)[number] | "completedInclBatch";

export type Discrepancy = {
  field: ReconciledField;
  kind: "count" | "rate";
  reported: number;
  computed: number;
  /** reported − computed (rates: percentage points, rounded to 2 decimals). */
  difference: number;
};

/**
 * Every stated figure of `reported` that differs from what `rows` add up to. Figures the
 * bulletin does not state, and rates the annex cannot reproduce exactly (speed-up rates, the
 * evaluation rate on batch-inclusive denominators), are not compared.
 */
export function reconcile(reported: ReportedSummary, rows: readonly StatRow[]): Discrepancy[] {
  const discrepancies: Discrepancy[] = [];
  const sums = sumCounts(rows);

  for (const field of RECONCILED_COUNT_FIELDS) {
    const stated = reported[field];
    if (stated !== null && stated !== sums[field]) {
      discrepancies.push({
        field,
        kind: "count",
        reported: stated,
        computed: sums[field],
        difference: stated - sums[field],
      });
    }
  }

  if (reported.completedInclBatch !== null && rows.length > 0 && rows.every((r) => r.completedInclBatch !== null)) {
    const computed = sumField(rows, (r) => r.completedInclBatch ?? 0);
    if (computed !== reported.completedInclBatch) {
      discrepancies.push({
        field: "completedInclBatch",
        kind: "count",
        reported: reported.completedInclBatch,
        computed,
        difference: reported.completedInclBatch - computed,
      });
    }
  }

  const rates = {
    onlineShare: onlineShare(sums.onlineApplied, sums.applied),
    onTimeCompletionRate: onTimeCompletionRate(sums.completed, sums.overdueCompleted),
  } satisfies Record<(typeof RECONCILED_RATE_FIELDS)[number], number | null>;
  for (const field of RECONCILED_RATE_FIELDS) {
    const stated = reported[field];
    const computed = roundRate(rates[field]);
    if (stated !== null && computed !== null && roundRate(stated) !== computed) {
      discrepancies.push({ field, kind: "rate", reported: stated, computed, difference: roundRate(stated - computed) });
    }
  }
  return discrepancies;
}
