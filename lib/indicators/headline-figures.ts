// The figures the bulletin's text states for a scope (全市 / 市本级 / 县（市、区）), in the order
// the text gives them: the list the scope summaries (aggregate.ts), the figure decisions and
// the dashboard's scope pages go through. Which of them are counts is the annex column table's
// to say (annex-columns.ts); the rest are rates.
import { COUNT_FIELDS, type CountField } from "./annex-columns";
import { REPORTED_SUMMARY_FIELDS, type ReportedSummaryField } from "./types";

/** The two figures the text gives after the online ones, before the evaluations. */
const TOLD_AFTER_ONLINE = ["overdueCompleted", "onTimeCompletionRate"] as const;

/** Every figure a scope's summary states but 办结件总数（含批量件）, which is a rate's base, not a headline. */
export type HeadlineField = Exclude<ReportedSummaryField, "completedInclBatch">;

/**
 * The bulletin's headline figures for a scope, in the order its text gives them: the summary's
 * fields in their order, with 超时办结 and 按时办结率 told after the online figures.
 */
export const HEADLINE_FIELDS: readonly HeadlineField[] = (() => {
  const fields = REPORTED_SUMMARY_FIELDS.filter(
    (f): f is HeadlineField => f !== "completedInclBatch" && !(TOLD_AFTER_ONLINE as readonly string[]).includes(f),
  );
  const at = fields.indexOf("activeEvaluations");
  return [...fields.slice(0, at), ...TOLD_AFTER_ONLINE, ...fields.slice(at)];
})();

export type HeadlineCountField = Extract<HeadlineField, CountField>;
export type HeadlineRateField = Exclude<HeadlineField, HeadlineCountField>;

const COUNTS = new Set<string>(COUNT_FIELDS);

/** The headline figures that are counts (sums of an annex column), in the same order. */
export const HEADLINE_COUNT_FIELDS: readonly HeadlineCountField[] = HEADLINE_FIELDS.filter(
  (field): field is HeadlineCountField => COUNTS.has(field),
);

/** The headline figures from `first` to `last`, in the text's order. */
function paragraph(first: HeadlineField, last: HeadlineField): readonly HeadlineField[] {
  return HEADLINE_FIELDS.slice(HEADLINE_FIELDS.indexOf(first), HEADLINE_FIELDS.indexOf(last) + 1);
}

/** The bulletin's paragraphs of headline figures: cases, the speed-up rates, online (in the text's order). */
export const HEADLINE_PARAGRAPHS = {
  cases: paragraph("applied", "promisedCompleted"),
  speedup: paragraph("promiseSpeedupRate", "earlyCompletionRate"),
  online: paragraph("onlineApplied", "onlineEarlyCompletionRate"),
};
