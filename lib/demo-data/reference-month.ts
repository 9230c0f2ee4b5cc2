// The reference month (2021-06) as the bulletin states it. The JSON is a copy
// kept in the repo so the app never depends on ../shared at run time; its
// mapping to rows and summaries is lib/indicators/reference-fixture.ts.

import { referenceMonthFromJson } from "@/lib/indicators/reference-fixture";
import { ANNEX_FIELDS, REPORTED_SUMMARY_FIELDS, type StatRow } from "@/lib/indicators/types";
import type { StatInput, SummaryInput } from "@/lib/month-versions";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };

export const referenceMonth = referenceMonthFromJson(reference);
export const REFERENCE_MONTH = referenceMonth.month; // "2021-06"

/** The reference rows with database unit ids, ready for createMonthVersion. */
export function referenceStats(unitIdByCode: Map<string, number>): StatInput[] {
  return referenceMonth.rows.map((row: StatRow) => {
    const unitId = unitIdByCode.get(row.unitCode);
    if (unitId === undefined) throw new Error(`unit missing from seed: ${row.unitCode} ${row.unitName}`);
    const stat = {
      unitId,
      seq: row.seq,
      completedInclBatch: row.completedInclBatch,
      activeEvaluationRateReported: row.activeEvaluationRateReported,
    } as StatInput;
    for (const field of ANNEX_FIELDS) stat[field] = row[field];
    return stat;
  });
}

/** The narrative figures, by scope, keeping only what the bulletin states. */
export const referenceSummaries: SummaryInput[] = Object.values(referenceMonth.summaries).map((summary) => {
  const out: SummaryInput = { scope: summary.scope };
  for (const field of REPORTED_SUMMARY_FIELDS) {
    const value = summary[field];
    if (value !== null) out[field] = value;
  }
  return out;
});

/**
 * What the bulletin says of the month before it: evaluations rose by 172,171
 * to 721,807 and the active evaluation rate fell 35.09 points to 93.94%.
 * The demo 2021-05 carries these, so that month-over-month statements hold.
 */
const city = referenceMonth.summaries.CITY;
const changes = referenceMonth.statedChanges;
export const referencePreviousMonthAnchor = {
  activeEvaluations: city.activeEvaluations! - changes.activeEvaluations!,
  activeEvaluationRate: Math.round((city.activeEvaluationRate! - changes.activeEvaluationRatePoints!) * 100) / 100,
};
