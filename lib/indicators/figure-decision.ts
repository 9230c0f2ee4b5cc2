// One decision per figure: for each headline figure of a month and scope, what is shown —
// stated (the summary or the file's 通报数据), computed exactly from the rows, estimated (and
// how), or missing — and on which basis (the evaluation rate's denominator). The dashboard's
// KPI cards, the section pages, the bulletin and the exports all read this, so a figure has
// one value and one label everywhere. And one comparison rule: a change from last month only
// between figures of the same kind and basis; otherwise the reason there is none.
// Pure: no I/O. The labels' wording is in lib/i18n (block `figures`).

import type { EvaluationDenominatorBasis, ScopeSummary } from "./aggregate";
import { type CountChange, countChange, type RateChange, rateChange } from "./change";
import { HEADLINE_COUNT_FIELDS, HEADLINE_FIELDS, type HeadlineField } from "./headline-figures";
import type { MonthScopes } from "./month-scopes";

export type FigureStatus = "stated" | "computed" | "estimated" | "missing";

/** How an estimate was made: unit rates weighted by their counts, or a denominator implied by a stated rate. */
export type EstimateMethod = "weighted" | "impliedDenominator";

/**
 * The denominator an evaluation rate stands on: batch-inclusive completions, its definition
 * (every stated rate is on it). Null for every other figure, and for a missing one. There is no
 * other basis: without batch-inclusive completions the rate is missing (reason 'noInclBatch').
 */
export type FigureBasis = "inclBatch" | null;

/**
 * Why a figure is missing: nothing states it and the rows cannot give it ('notStated',
 * 未填报), or an evaluation rate whose defined denominator 办结件总数（包含批量件） is not known
 * ('noInclBatch'; the completeness gate names the input that makes it exact).
 */
export type MissingReason = "notStated" | "noInclBatch";

export type ScopeKey = "city" | "municipal" | "districts";
export const SCOPE_KEYS: readonly ScopeKey[] = ["city", "municipal", "districts"];

export type FigureDecision = {
  scope: ScopeKey;
  field: HeadlineField;
  kind: "count" | "rate";
  /** What every view shows; null when missing. Rates unrounded as computed, stated ones as stated. */
  value: number | null;
  status: FigureStatus;
  method: EstimateMethod | null;
  basis: FigureBasis;
  /** Set only when status is 'missing'. */
  missingReason: MissingReason | null;
};

const COUNT_SET = new Set<HeadlineField>(HEADLINE_COUNT_FIELDS);

function basisOf(denominator: EvaluationDenominatorBasis | null): FigureBasis {
  // A denominator implied by a stated (batch-inclusive) rate stands on that rate's basis.
  return denominator === null ? null : "inclBatch";
}

/** The one decision for one figure of one scope. */
export function decideFigure(summary: ScopeSummary, field: HeadlineField, scope: ScopeKey): FigureDecision {
  const figure = summary.figures[field];
  const kind = COUNT_SET.has(field) ? "count" : "rate";
  const isEvaluationRate = field === "activeEvaluationRate";
  if (figure.value === null || figure.source === null) {
    // The evaluations are known but not the denominator they must be divided by.
    const missingReason: MissingReason =
      isEvaluationRate &&
      summary.evaluationDenominator.value === null &&
      summary.figures.activeEvaluations.value !== null
        ? "noInclBatch"
        : "notStated";
    return { scope, field, kind, value: null, status: "missing", method: null, basis: null, missingReason };
  }
  if (figure.source === "reported") {
    // Every rate the bulletin states is on its definition's basis (办结件总数，含批量件).
    return {
      scope,
      field,
      kind,
      value: figure.value,
      status: "stated",
      method: null,
      basis: isEvaluationRate ? "inclBatch" : null,
      missingReason: null,
    };
  }
  const basis = isEvaluationRate ? basisOf(summary.evaluationDenominator.basis) : null;
  if (figure.source === "approximate") {
    const method: EstimateMethod = isEvaluationRate ? "impliedDenominator" : "weighted";
    return { scope, field, kind, value: figure.value, status: "estimated", method, basis, missingReason: null };
  }
  return { scope, field, kind, value: figure.value, status: "computed", method: null, basis, missingReason: null };
}

export type ScopeDecisions = Record<HeadlineField, FigureDecision>;
export type MonthDecisions = Record<ScopeKey, ScopeDecisions>;

/** Every headline figure of every scope of a month, decided. */
export function decideMonthFigures(scopes: MonthScopes): MonthDecisions {
  const out = {} as MonthDecisions;
  for (const scope of SCOPE_KEYS) {
    const decisions = {} as ScopeDecisions;
    for (const field of HEADLINE_FIELDS) decisions[field] = decideFigure(scopes[scope], field, scope);
    out[scope] = decisions;
  }
  return out;
}

/** Labels of lib/i18n's `figures` block that describeFigure reads. */
export type FigureLabels = {
  missing: string;
  /** Why an evaluation rate is missing: no 办结件总数（包含批量件）. */
  missingInclBatch: string;
  estimatedWeighted: string;
  estimatedImplied: string;
  basisInclBatch: string;
};

/**
 * The one label of a figure, the same on a card, in a table, in the bulletin and in an
 * export: null for a stated or exact figure on the usual basis, else what it is (or why it
 * is missing). An evaluation rate computed from batch-inclusive completions says so.
 */
export function describeFigure(decision: FigureDecision, labels: FigureLabels): string | null {
  switch (decision.status) {
    case "missing":
      return decision.missingReason === "noInclBatch" ? labels.missingInclBatch : labels.missing;
    case "stated":
      return null;
    case "estimated":
      return decision.method === "impliedDenominator" ? labels.estimatedImplied : labels.estimatedWeighted;
    case "computed":
      return decision.basis === "inclBatch" ? labels.basisInclBatch : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Like with like

export type ComparisonPrevious = { month: string; isDemo: boolean };

export type NoComparisonReason =
  /** No published previous month. */
  | "noPreviousMonth"
  /** The previous month has no value for this figure. */
  | "previousMissing"
  /** This month has no value. */
  | "currentMissing"
  /** Different kind: an exact figure against an estimate, or estimates made differently. */
  | "differentBasis";

export type FigureComparison =
  | {
      status: "compared";
      kind: "count";
      change: CountChange;
      previousMonth: string;
      /** The month compared with is demo data: every view labels the change so. */
      previousIsDemo: boolean;
      /** Both figures are estimates (same method): the change is one too. */
      estimated: boolean;
    }
  | {
      status: "compared";
      kind: "rate";
      change: RateChange;
      previousMonth: string;
      previousIsDemo: boolean;
      estimated: boolean;
    }
  | { status: "notCompared"; reason: NoComparisonReason; previousMonth: string | null; previousIsDemo: boolean };

/** What makes two figures comparable: exact (stated or computed) or the estimate's method, and the basis. */
function comparableKind(decision: FigureDecision): string {
  const exactness = decision.status === "estimated" ? `estimated:${decision.method}` : "exact";
  return `${exactness}/${decision.basis ?? ""}`;
}

/**
 * This month's figure against last month's, only when they are of the same kind and basis.
 * A demo previous month is compared and flagged (previousIsDemo): every view labels it.
 */
export function compareFigures(
  current: FigureDecision,
  previous: FigureDecision | null,
  previousMonth: ComparisonPrevious | null,
): FigureComparison {
  const month = previousMonth?.month ?? null;
  const isDemo = previousMonth?.isDemo ?? false;
  const none = (reason: NoComparisonReason): FigureComparison => ({
    status: "notCompared",
    reason,
    previousMonth: month,
    previousIsDemo: isDemo,
  });
  if (!previousMonth || !previous) return none("noPreviousMonth");
  if (current.value === null) return none("currentMissing");
  if (previous.value === null) return none("previousMissing");
  if (comparableKind(current) !== comparableKind(previous)) return none("differentBasis");
  const estimated = current.status === "estimated";
  if (current.kind === "count") {
    const change = countChange(current.value, previous.value)!;
    return {
      status: "compared",
      kind: "count",
      change,
      previousMonth: previousMonth.month,
      previousIsDemo: isDemo,
      estimated,
    };
  }
  const change = rateChange(current.value, previous.value)!;
  return {
    status: "compared",
    kind: "rate",
    change,
    previousMonth: previousMonth.month,
    previousIsDemo: isDemo,
    estimated,
  };
}

/** compareFigures for one field of one scope of two months' decisions. */
export function compareMonthFigure(
  current: MonthDecisions,
  previous: MonthDecisions | null,
  previousMonth: ComparisonPrevious | null,
  scope: ScopeKey,
  field: HeadlineField,
): FigureComparison {
  return compareFigures(
    current[scope][field],
    previous ? previous[scope][field] : null,
    previous ? previousMonth : null,
  );
}

/** A chart's previous-month value: only when comparable with this month's (else null, no bar). */
export function comparableValue(comparison: FigureComparison): number | null {
  return comparison.status === "compared" ? comparison.change.previous : null;
}
