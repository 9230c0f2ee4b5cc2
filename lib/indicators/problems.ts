// 存在的问题: the rules that turn a month's figures into the bulletin's list of problems.
// Pure: a month is its rows and stated summaries (MonthData fits), the previous month is
// optional, and every threshold is a setting (admins change them; storing and auditing
// them is not done here). Each problem names its units and carries its figures; the
// wording is lib/bulletin's business.

import { type RateChange, rateChange } from "./change";
import { compareFigures, decideMonthFigures, type NoComparisonReason } from "./figure-decision";
import { monthScopes } from "./month-scopes";
import { hasNoCases } from "./ranking";
import { type EvaluationRateBasis, onTimeCompletionRate, roundRate, rowActiveEvaluationRate } from "./rates";
import type { ReportedSummary, StatRow, SummaryScope, UnitKind } from "./types";

/** The rules, in the order the bulletin lists their problems (the report's three first). */
export const PROBLEM_KINDS = [
  "lowCoverage",
  "evaluationRateDrop",
  "lowCatalogClaim",
  "noCases",
  "overdue",
  "missingData",
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export type ProblemSettings = {
  /** 办件覆盖率 below this (%) is a problem, for the city and for each unit. */
  coverageRateBelow: number;
  /** 主动评价率 falling by more than this many percentage points from the previous month. */
  evaluationRateDropAbove: number;
  /** 认领率 below this (%) is a problem. */
  catalogClaimRateBelow: number;
  /** Rules switched off produce nothing. */
  enabled: Record<ProblemKind, boolean>;
};

export const DEFAULT_PROBLEM_SETTINGS: ProblemSettings = {
  coverageRateBelow: 50,
  evaluationRateDropAbove: 10,
  catalogClaimRateBelow: 100,
  enabled: {
    lowCoverage: true,
    evaluationRateDrop: true,
    lowCatalogClaim: true,
    noCases: true,
    overdue: true,
    missingData: true,
  },
};

export type ProblemSettingsInput = Partial<Omit<ProblemSettings, "enabled">> & {
  enabled?: Partial<Record<ProblemKind, boolean>>;
};

/** Settings with every missing entry taken from DEFAULT_PROBLEM_SETTINGS. */
export function resolveProblemSettings(input: ProblemSettingsInput = {}): ProblemSettings {
  return {
    coverageRateBelow: input.coverageRateBelow ?? DEFAULT_PROBLEM_SETTINGS.coverageRateBelow,
    evaluationRateDropAbove: input.evaluationRateDropAbove ?? DEFAULT_PROBLEM_SETTINGS.evaluationRateDropAbove,
    catalogClaimRateBelow: input.catalogClaimRateBelow ?? DEFAULT_PROBLEM_SETTINGS.catalogClaimRateBelow,
    enabled: { ...DEFAULT_PROBLEM_SETTINGS.enabled, ...input.enabled },
  };
}

/** What the rules read of a month; MonthData (lib/month-versions/month-data.ts) is one. */
export type ProblemMonth = {
  month: string;
  rows: readonly StatRow[];
  summaries: Partial<Record<SummaryScope, ReportedSummary>>;
};

/** A unit a problem names, with the figure that put it there. */
export type ProblemUnit = {
  unitCode: string;
  unitName: string;
  kind: UnitKind;
  seq: number;
  /**
   * lowCoverage: its coverage rate; evaluationRateDrop: its rate this month; overdue: its
   * overdue completions; noCases: null; missingData: its completions last month.
   */
  value: number | null;
  /** evaluationRateDrop: its rate last month. */
  previous: number | null;
  /** evaluationRateDrop: the change in percentage points (negative). */
  change: number | null;
  /** overdue: its on-time completion rate (rounded as printed). */
  rate: number | null;
  /** evaluationRateDrop: the basis both months' rates stand on. */
  basis: EvaluationRateBasis | null;
};

/** The city-wide figure a rule looks at, when it has one. */
export type ProblemCityFigure = {
  /** lowCoverage / lowCatalogClaim: the rate; evaluationRateDrop: the rate this month; overdue: overdue completions. */
  value: number | null;
  /** evaluationRateDrop: the change from the previous month. */
  change: RateChange | null;
  /** Whether the city figure alone breaks the rule. */
  triggered: boolean;
};

export type Problem = {
  kind: ProblemKind;
  /** The setting the rule compared with (%, or points for the drop); null for rules without one. */
  threshold: number | null;
  city: ProblemCityFigure | null;
  units: ProblemUnit[];
  /** The month compared with (evaluationRateDrop, missingData). */
  previousMonth: string | null;
};

function unitOf(
  row: StatRow,
  figures: Partial<Omit<ProblemUnit, "unitCode" | "unitName" | "kind" | "seq">> = {},
): ProblemUnit {
  return {
    unitCode: row.unitCode,
    unitName: row.unitName,
    kind: row.kind,
    seq: row.seq,
    value: figures.value ?? null,
    previous: figures.previous ?? null,
    change: figures.change ?? null,
    rate: figures.rate ?? null,
    basis: figures.basis ?? null,
  };
}

const KIND_ORDER: Record<UnitKind, number> = { DEPARTMENT: 0, DISTRICT: 1 };
const byReportOrder = (a: ProblemUnit, b: ProblemUnit) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.seq - b.seq;
/** Departments first, then districts; within each, lowest value first, ties in 序号 order. */
const byKindThenValue = (a: ProblemUnit, b: ProblemUnit) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.value ?? 0) - (b.value ?? 0) || a.seq - b.seq;

function lowCoverage(current: ProblemMonth, cityCoverage: number | null, threshold: number): Problem | null {
  const units = current.rows
    .filter((row) => row.coverageRate < threshold)
    .map((row) => unitOf(row, { value: row.coverageRate }))
    .sort(byKindThenValue);
  const triggered = cityCoverage !== null && cityCoverage < threshold;
  if (!triggered && units.length === 0) return null;
  return {
    kind: "lowCoverage",
    threshold,
    city: { value: cityCoverage, change: null, triggered },
    units,
    previousMonth: null,
  };
}

function evaluationRateDrop(
  current: ProblemMonth,
  previous: ProblemMonth,
  cityNow: number | null,
  change: RateChange | null,
  threshold: number,
): Problem | null {
  const triggered = change !== null && change.points < -threshold;
  const before = new Map(previous.rows.map((row) => [row.unitCode, row]));
  const units: ProblemUnit[] = [];
  for (const row of current.rows) {
    const old = before.get(row.unitCode);
    if (!old) continue;
    const now = rowActiveEvaluationRate(row);
    const then = rowActiveEvaluationRate(old);
    // Only two rates of one basis compare (both stated, or both from batch-inclusive
    // completions); a unit without its batch-inclusive completions has no rate to compare.
    if (now.basis === null || now.basis !== then.basis) continue;
    const unitChange = rateChange(now.value, then.value);
    if (unitChange === null || !(unitChange.points < -threshold)) continue;
    units.push(
      unitOf(row, {
        value: roundRate(unitChange.current),
        previous: roundRate(unitChange.previous),
        change: unitChange.points,
        basis: now.basis,
      }),
    );
  }
  units.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.change ?? 0) - (b.change ?? 0) || a.seq - b.seq);
  if (!triggered && units.length === 0) return null;
  return {
    kind: "evaluationRateDrop",
    threshold,
    city: { value: cityNow, change, triggered },
    units,
    previousMonth: previous.month,
  };
}

function lowCatalogClaim(claimRate: number | null, threshold: number): Problem | null {
  if (claimRate === null || !(claimRate < threshold)) return null;
  return {
    kind: "lowCatalogClaim",
    threshold,
    city: { value: claimRate, change: null, triggered: true },
    units: [],
    previousMonth: null,
  };
}

function noCases(current: ProblemMonth): Problem | null {
  const units = current.rows
    .filter(hasNoCases)
    .map((row) => unitOf(row))
    .sort(byReportOrder);
  return units.length === 0 ? null : { kind: "noCases", threshold: null, city: null, units, previousMonth: null };
}

function overdue(current: ProblemMonth, cityOverdue: number | null): Problem | null {
  const units = current.rows
    .filter(
      (row) => row.overdueCompleted > 0 || row.promisedOverdueCompleted > 0 || row.onlinePromisedOverdueCompleted > 0,
    )
    .map((row) =>
      unitOf(row, {
        value: row.overdueCompleted,
        rate: roundRate(onTimeCompletionRate(row.completed, row.overdueCompleted)),
      }),
    )
    .sort(byReportOrder);
  const triggered = cityOverdue !== null && cityOverdue > 0;
  if (!triggered && units.length === 0) return null;
  return {
    kind: "overdue",
    threshold: null,
    city: { value: cityOverdue, change: null, triggered },
    units,
    previousMonth: null,
  };
}

function missingData(current: ProblemMonth, previous: ProblemMonth): Problem | null {
  const present = new Set(current.rows.map((row) => row.unitCode));
  const units = previous.rows
    .filter((row) => !present.has(row.unitCode))
    .map((row) => unitOf(row, { value: row.completed }))
    .sort(byReportOrder);
  return units.length === 0
    ? null
    : { kind: "missingData", threshold: null, city: null, units, previousMonth: previous.month };
}

/**
 * The month's problems, in PROBLEM_KINDS order, each only when its rule finds something.
 * City figures are the scope values of monthScopes (stated where the bulletin states them);
 * rules comparing with the previous month are skipped without one.
 */
export function findProblems(
  current: ProblemMonth,
  previous: ProblemMonth | null,
  settingsInput: ProblemSettingsInput = {},
): Problem[] {
  const settings = resolveProblemSettings(settingsInput);
  const city = monthScopes(current.rows, current.summaries).city.figures;
  const cityRateComparison = cityEvaluationRateComparison(current, previous);

  const found: Record<ProblemKind, () => Problem | null> = {
    lowCoverage: () => lowCoverage(current, city.coverageRate.value, settings.coverageRateBelow),
    evaluationRateDrop: () =>
      previous
        ? evaluationRateDrop(
            current,
            previous,
            city.activeEvaluationRate.value,
            // Only a like-with-like change counts (same basis, both exact or both estimated).
            cityRateComparison?.status === "compared" && cityRateComparison.kind === "rate"
              ? cityRateComparison.change
              : null,
            settings.evaluationRateDropAbove,
          )
        : null,
    lowCatalogClaim: () => lowCatalogClaim(city.catalogClaimRate.value, settings.catalogClaimRateBelow),
    noCases: () => noCases(current),
    overdue: () => overdue(current, city.overdueCompleted.value),
    missingData: () => (previous ? missingData(current, previous) : null),
  };

  const problems: Problem[] = [];
  for (const kind of PROBLEM_KINDS) {
    if (!settings.enabled[kind]) continue;
    const problem = found[kind]();
    if (problem) problems.push(problem);
  }
  return problems;
}

function cityEvaluationRateComparison(current: ProblemMonth, previous: ProblemMonth | null) {
  if (!previous) return null;
  const now = decideMonthFigures(monthScopes(current.rows, current.summaries)).city.activeEvaluationRate;
  const then = decideMonthFigures(monthScopes(previous.rows, previous.summaries)).city.activeEvaluationRate;
  return compareFigures(now, then, { month: previous.month, isDemo: false });
}

/** Why a rule could not read (all of) its input this month. */
export type RuleInputGap =
  /** The city figure the rule reads is not stated and cannot be computed. */
  | { kind: "missingFigure"; figure: "coverageRate" | "catalogClaimRate" | "activeEvaluationRate" }
  /** The rule compares with last month, and there is none. */
  | { kind: "noPreviousMonth" }
  /** The city rate cannot be compared with last month's (e.g. different basis). */
  | { kind: "notComparable"; reason: NoComparisonReason };

export type RuleInput = {
  kind: ProblemKind;
  /** "complete": everything read; "partial": the units were checked, the city figure was not; "none": nothing to check. */
  input: "complete" | "partial" | "none";
  gaps: RuleInputGap[];
};

/**
 * What each rule had to read this month: a rule whose input is missing says 无数据 rather than
 * "nothing found" (a claim rate nobody stated is not a claim rate of 100%).
 */
export function ruleInputs(current: ProblemMonth, previous: ProblemMonth | null): RuleInput[] {
  const decisions = decideMonthFigures(monthScopes(current.rows, current.summaries)).city;
  const comparison = cityEvaluationRateComparison(current, previous);
  // biome-ignore lint/suspicious/useIterableCallbackReturn: the switch covers every ProblemKind (tsc checks it)
  return PROBLEM_KINDS.map((kind): RuleInput => {
    switch (kind) {
      case "lowCoverage":
        return decisions.coverageRate.value === null
          ? {
              kind,
              input: current.rows.length > 0 ? "partial" : "none",
              gaps: [{ kind: "missingFigure", figure: "coverageRate" }],
            }
          : { kind, input: "complete", gaps: [] };
      case "lowCatalogClaim":
        return decisions.catalogClaimRate.value === null
          ? { kind, input: "none", gaps: [{ kind: "missingFigure", figure: "catalogClaimRate" }] }
          : { kind, input: "complete", gaps: [] };
      case "evaluationRateDrop":
        if (!previous) return { kind, input: "none", gaps: [{ kind: "noPreviousMonth" }] };
        if (comparison && comparison.status === "notCompared") {
          return { kind, input: "partial", gaps: [{ kind: "notComparable", reason: comparison.reason }] };
        }
        return { kind, input: "complete", gaps: [] };
      case "missingData":
        return previous
          ? { kind, input: "complete", gaps: [] }
          : { kind, input: "none", gaps: [{ kind: "noPreviousMonth" }] };
      case "noCases":
      case "overdue":
        return { kind, input: current.rows.length > 0 ? "complete" : "none", gaps: [] };
    }
  });
}
