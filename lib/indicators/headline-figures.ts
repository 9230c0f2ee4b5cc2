// The figures the bulletin's text states for a scope (全市 / 市本级 / 县（市、区）), in the order
// the text gives them: the list the scope summaries (aggregate.ts), the figure decisions and
// the dashboard's scope pages go through. Which of them are counts is the annex column table's
// to say (annex-columns.ts); the rest are rates.
import { COUNT_FIELDS, type CountField } from "./annex-columns";

/** The bulletin's headline figures for a scope, in the order its text gives them. */
export const HEADLINE_FIELDS = [
  "applied",
  "accepted",
  "completed",
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
  "overdueCompleted",
  "onTimeCompletionRate",
  "activeEvaluations",
  "activeEvaluationRate",
  "satisfactionRate",
  "coverageRate",
  "catalogClaimRate",
] as const;
export type HeadlineField = (typeof HEADLINE_FIELDS)[number];

export type HeadlineCountField = Extract<HeadlineField, CountField>;
export type HeadlineRateField = Exclude<HeadlineField, HeadlineCountField>;

const COUNTS = new Set<string>(COUNT_FIELDS);

/** The headline figures that are counts (sums of an annex column), in the same order. */
export const HEADLINE_COUNT_FIELDS: readonly HeadlineCountField[] = HEADLINE_FIELDS.filter(
  (field): field is HeadlineCountField => COUNTS.has(field),
);
