// Plain shapes the indicator functions work on. They mirror the Prisma models
// (prisma/schema.prisma) but carry no database types, so lib/indicators stays pure.

import type { CountField, RateField } from "./annex-columns";

// The annex's field lists are derived from its one table of columns.
export {
  ANNEX_FIELDS,
  type AnnexField,
  COUNT_FIELDS,
  type CountField,
  RATE_FIELDS,
  type RateField,
} from "./annex-columns";

export type UnitKind = "DEPARTMENT" | "DISTRICT";

/** One unit's annex row for one month. */
export type StatRow = Record<CountField, number> &
  Record<RateField, number> & {
    unitCode: string;
    unitName: string;
    kind: UnitKind;
    seq: number;
    /** Batch-inclusive completions, when known. */
    completedInclBatch: number | null;
    /** Active evaluation rate as the bulletin states it, when it does. */
    activeEvaluationRateReported: number | null;
  };

export type SummaryScope = "CITY" | "MUNICIPAL" | "DISTRICTS";

/** Figures only the bulletin's text states, for one scope. Absent = not stated. */
export type ReportedSummary = {
  scope: SummaryScope;
  applied: number | null;
  accepted: number | null;
  completed: number | null;
  overdueCompleted: number | null;
  promisedCompleted: number | null;
  promiseSpeedupRate: number | null;
  handlingSpeedupRate: number | null;
  earlyCompletionRate: number | null;
  onlineApplied: number | null;
  onlineShare: number | null;
  onlineAccepted: number | null;
  onlineCompleted: number | null;
  onlinePromisedCompleted: number | null;
  onlineEarlyCompletionRate: number | null;
  onTimeCompletionRate: number | null;
  activeEvaluations: number | null;
  completedInclBatch: number | null;
  activeEvaluationRate: number | null;
  satisfactionRate: number | null;
  coverageRate: number | null;
  catalogClaimRate: number | null;
};

/** The figure fields of a ReportedSummary (everything but `scope`), in declaration order. */
export const REPORTED_SUMMARY_FIELDS = [
  "applied",
  "accepted",
  "completed",
  "overdueCompleted",
  "promisedCompleted",
  "promiseSpeedupRate",
  "handlingSpeedupRate",
  "earlyCompletionRate",
  "onlineApplied",
  "onlineShare",
  "onlineAccepted",
  "onlineCompleted",
  "onlinePromisedCompleted",
  "onlineEarlyCompletionRate",
  "onTimeCompletionRate",
  "activeEvaluations",
  "completedInclBatch",
  "activeEvaluationRate",
  "satisfactionRate",
  "coverageRate",
  "catalogClaimRate",
] as const satisfies readonly Exclude<keyof ReportedSummary, "scope">[];
export type ReportedSummaryField = (typeof REPORTED_SUMMARY_FIELDS)[number];

/** A summary that states nothing yet: a month states what it states, the rest stays null. */
export function emptyReportedSummary(scope: SummaryScope): ReportedSummary {
  return {
    scope,
    applied: null,
    accepted: null,
    completed: null,
    overdueCompleted: null,
    promisedCompleted: null,
    promiseSpeedupRate: null,
    handlingSpeedupRate: null,
    earlyCompletionRate: null,
    onlineApplied: null,
    onlineShare: null,
    onlineAccepted: null,
    onlineCompleted: null,
    onlinePromisedCompleted: null,
    onlineEarlyCompletionRate: null,
    onTimeCompletionRate: null,
    activeEvaluations: null,
    completedInclBatch: null,
    activeEvaluationRate: null,
    satisfactionRate: null,
    coverageRate: null,
    catalogClaimRate: null,
  };
}
