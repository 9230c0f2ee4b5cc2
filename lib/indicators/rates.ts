// The report's rates (docs/figures.md, 注 1–9 of 附件 1) as functions of their numerators and
// denominators. All return a percentage (32.01 = 32.01%), unrounded, or null when the
// denominator is 0: "no cases" is not "0%", and NaN must never reach a chart or a sum.
// Round only for display or for comparison with printed figures (roundRate).

/** A percentage as the report prints it: 85.16 means 85.16%. */
export type Percent = number;

/**
 * numerator / denominator × 100, or null when the denominator is 0 (or either is not finite).
 * The one place a rate is divided, so that every rate treats "no denominator" alike.
 */
export function percent(numerator: number, denominator: number): Percent | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
  return (numerator / denominator) * 100;
}

/**
 * Rounds half away from zero to `decimals` places, the way the report prints (32.005 → 32.01,
 * −32.005 → −32.01). Binary floating point stores 32.005 as 32.00499999…, so the value is first
 * cut to 15 significant digits (removing the representation noise a ratio picks up) and then
 * shifted by decimal exponent, not by multiplying, which would add noise again.
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const cleaned = Number(Math.abs(value).toPrecision(15));
  const shifted = Math.round(shiftDecimal(cleaned, decimals));
  const result = sign * shiftDecimal(shifted, -decimals);
  return result === 0 ? 0 : result; // never −0
}

/** x × 10^places done on the decimal string, exact for the digits x has. */
function shiftDecimal(x: number, places: number): number {
  const [mantissa, exponent = "0"] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** A rate rounded to 2 decimals as the report prints it; null stays null. */
export function roundRate(value: number): number;
export function roundRate(value: number | null): number | null;
export function roundRate(value: number | null): number | null {
  return value === null ? null : roundHalfAwayFromZero(value, 2);
}

/** 线上占比: share of applications made online. */
export function onlineShare(onlineApplied: number, applied: number): Percent | null {
  return percent(onlineApplied, applied);
}

/**
 * 承诺提速率: how much shorter the promised deadline is than the legal one, over promised
 * cases. Exact only from the sums of days; the annex gives only the rate per unit.
 */
export function promiseSpeedupRate(legalDaysSum: number, promisedDaysSum: number): Percent | null {
  return percent(legalDaysSum - promisedDaysSum, legalDaysSum);
}

/**
 * 办理提速率: how much faster than the legal time limit cases were actually handled, over
 * promised cases. Negative when handling took longer than the legal limit.
 */
export function handlingSpeedupRate(legalDaysSum: number, actualDaysSum: number): Percent | null {
  return percent(legalDaysSum - actualDaysSum, legalDaysSum);
}

/** 提前办结率: promised cases completed before their promised deadline. */
export function earlyCompletionRate(earlyCompleted: number, promisedCompleted: number): Percent | null {
  return percent(earlyCompleted, promisedCompleted);
}

/**
 * 网上办理率: online completions among promised-case completions. In 2021-06 every annex
 * row's printed rate equals onlinePromisedCompleted / promisedCompleted, so it can be
 * aggregated exactly from counts.
 */
export function onlineHandlingRate(onlinePromisedCompleted: number, promisedCompleted: number): Percent | null {
  return percent(onlinePromisedCompleted, promisedCompleted);
}

/** 按时办结率: completions that were not overdue. */
export function onTimeCompletionRate(completed: number, overdueCompleted: number): Percent | null {
  return percent(completed - overdueCompleted, completed);
}

/**
 * 主动评价率: evaluations given on the citizen's own initiative per completion, batch cases
 * included on both sides: its only denominator is completedInclBatch (办结件总数（包含批量件）).
 * It can exceed 100% (evaluations of earlier cases). Never divide by `completed`: it excludes
 * the batch cases whose evaluations the numerator counts (a ratio of two populations).
 */
export function activeEvaluationRate(activeEvaluations: number, completedInclBatch: number): Percent | null {
  return percent(activeEvaluations, completedInclBatch);
}

/** 满意率: satisfied evaluations among all evaluations. */
export function satisfactionRate(satisfiedEvaluations: number, evaluations: number): Percent | null {
  return percent(satisfiedEvaluations, evaluations);
}

/** 办件覆盖率: implementation-list items that produced at least one case. */
export function coverageRate(itemsWithCases: number, items: number): Percent | null {
  return percent(itemsWithCases, items);
}

/** 认领率: catalogue items claimed by the units among those assigned to them. */
export function catalogClaimRate(claimedItems: number, assignedItems: number): Percent | null {
  return percent(claimedItems, assignedItems);
}

/**
 * What an active evaluation rate stands on: the bulletin's own figure ('reported'), or
 * batch-inclusive completions ('inclBatch', the glossary's definition). There is no third:
 * without either, the rate is missing (gap 'noInclBatch'), never divided by `completed`.
 */
export type EvaluationRateBasis = "reported" | "inclBatch";

/** Why a unit's evaluation rate is missing: its defined denominator (completedInclBatch) was not given. */
export type EvaluationRateGap = "noInclBatch";

export type EvaluationRateInput = {
  activeEvaluations: number;
  completedInclBatch?: number | null;
  /** The rate as the bulletin states it. */
  reported?: number | null;
};

export type ResolvedEvaluationRate = {
  /** Null when missing (gap set) or when completedInclBatch is 0 (no base). */
  value: Percent | null;
  basis: EvaluationRateBasis | null;
  gap: EvaluationRateGap | null;
};

/**
 * The active evaluation rate to show for a unit: the reported rate when given, else from
 * completedInclBatch when known, else missing. The annex's `completed` excludes batch cases
 * while activeEvaluations includes their evaluations, so dividing one by the other mixes two
 * populations (2021-07 from its annex alone: 通川区 341.83%, its stated 2021-06 rate 100.38%).
 * A month from case records always knows completedInclBatch.
 */
export function resolveActiveEvaluationRate(input: EvaluationRateInput): ResolvedEvaluationRate {
  if (input.reported != null) return { value: input.reported, basis: "reported", gap: null };
  if (input.completedInclBatch != null) {
    return {
      value: activeEvaluationRate(input.activeEvaluations, input.completedInclBatch),
      basis: "inclBatch",
      gap: null,
    };
  }
  return { value: null, basis: null, gap: "noInclBatch" };
}

/** resolveActiveEvaluationRate for one annex row. */
export function rowActiveEvaluationRate(row: {
  activeEvaluations: number;
  completedInclBatch: number | null;
  activeEvaluationRateReported: number | null;
}): ResolvedEvaluationRate {
  return resolveActiveEvaluationRate({
    activeEvaluations: row.activeEvaluations,
    completedInclBatch: row.completedInclBatch,
    reported: row.activeEvaluationRateReported,
  });
}
