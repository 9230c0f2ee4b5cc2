// A unit's standing among its peers (the other 市级部门, or the other 县（市、区）) on every
// measure of the annex, plus its 主动评价率: its value, its rank this month and last, and the
// change of the value. Pure; ranks are numbers only ("第 3 / 41 名"), naming no other unit.
import {
  countChange,
  type RankBy,
  type RankOrder,
  rankOf,
  rateChange,
  rowActiveEvaluationRate,
} from "@/lib/indicators";
import { missingRateBase } from "@/lib/indicators/rate-bases";
import type { AnnexField, StatRow } from "@/lib/indicators/types";

export type StandingMeasure = AnnexField | "activeEvaluationRate";

type MeasureSpec = { measure: StandingMeasure; kind: "count" | "rate"; order: RankOrder };

/** The measures in the annex's order; overdue counts rank fewest first. */
export const STANDING_MEASURES: readonly MeasureSpec[] = [
  { measure: "applied", kind: "count", order: "desc" },
  { measure: "accepted", kind: "count", order: "desc" },
  { measure: "completed", kind: "count", order: "desc" },
  { measure: "overdueCompleted", kind: "count", order: "asc" },
  { measure: "promisedCompleted", kind: "count", order: "desc" },
  { measure: "promisedOverdueCompleted", kind: "count", order: "asc" },
  { measure: "promiseSpeedupRate", kind: "rate", order: "desc" },
  { measure: "handlingSpeedupRate", kind: "rate", order: "desc" },
  { measure: "earlyCompletionRate", kind: "rate", order: "desc" },
  { measure: "onlineApplied", kind: "count", order: "desc" },
  { measure: "onlineAccepted", kind: "count", order: "desc" },
  { measure: "onlineCompleted", kind: "count", order: "desc" },
  { measure: "onlinePromisedCompleted", kind: "count", order: "desc" },
  { measure: "onlinePromisedOverdueCompleted", kind: "count", order: "asc" },
  { measure: "onlineHandlingRate", kind: "rate", order: "desc" },
  { measure: "onlineHandlingSpeedupRate", kind: "rate", order: "desc" },
  { measure: "onlineEarlyCompletionRate", kind: "rate", order: "desc" },
  { measure: "activeEvaluations", kind: "count", order: "desc" },
  { measure: "activeEvaluationRate", kind: "rate", order: "desc" },
  { measure: "coverageRate", kind: "rate", order: "desc" },
];

export type Standing = {
  measure: StandingMeasure;
  kind: "count" | "rate";
  order: RankOrder;
  /** This month's value; null when it has no base (a rate of no cases). */
  value: number | null;
  previousValue: number | null;
  rank: number | null;
  previousRank: number | null;
  /** Peers this month, the unit included. */
  total: number;
  /** Count: the difference; rate: percentage points. Null without both months. */
  change: number | null;
};

function valueFn(measure: StandingMeasure): (row: StatRow) => number | null {
  if (measure === "activeEvaluationRate") return (row) => rowActiveEvaluationRate(row).value;
  return (row) => (missingRateBase(row, measure) ? null : row[measure]);
}

export function unitStanding(
  peers: readonly StatRow[],
  previousPeers: readonly StatRow[],
  unitCode: string,
): Standing[] {
  const row = peers.find((r) => r.unitCode === unitCode);
  const before = previousPeers.find((r) => r.unitCode === unitCode) ?? null;
  if (!row) return [];
  return STANDING_MEASURES.map(({ measure, kind, order }) => {
    const of = valueFn(measure);
    const by: RankBy = of;
    const value = of(row);
    const previousValue = before ? of(before) : null;
    const change =
      kind === "count"
        ? (countChange(value, previousValue)?.difference ?? null)
        : (rateChange(value, previousValue)?.points ?? null);
    return {
      measure,
      kind,
      order,
      value,
      previousValue,
      rank: value === null ? null : rankOf(peers, unitCode, by, order),
      previousRank: previousValue === null || !before ? null : rankOf(previousPeers, unitCode, by, order),
      total: peers.length,
      change,
    };
  });
}
