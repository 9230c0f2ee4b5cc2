// Totals over units. Counts add; rates do not: a rate of a group is its summed numerator over
// its summed denominator, never the mean of the units' rates. Where the annex gives a unit
// only its rate (speed-up and early-completion rates), the group's rate is weighted by the
// best denominator the annex has and flagged approximate, as GLOSSARY.md requires.

import {
  COUNT_SCOPES,
  formulaNumerator,
  RATE_WEIGHTS,
  RATIO_FORMULAS,
  type RatioFormula,
  type ScopedCount,
  type WeightedRateField,
} from "./annex-columns";
import {
  HEADLINE_COUNT_FIELDS,
  HEADLINE_FIELDS,
  type HeadlineCountField,
  type HeadlineField,
  type HeadlineRateField,
} from "./headline-figures";
import { activeEvaluationRate, type Percent, percent, roundRate } from "./rates";
import {
  COUNT_FIELDS,
  type CountField,
  type RateField,
  type ReportedSummary,
  type StatRow,
  type SummaryScope,
} from "./types";

export type Counts = Record<CountField, number>;

/** A count of a row: a field name, or a function for derived amounts (completed − overdue). */
export type RowAmount = CountField | ((row: StatRow) => number);

function amountOf(row: StatRow, amount: RowAmount): number {
  return typeof amount === "function" ? amount(row) : row[amount];
}

/** Σ of one count (or derived amount) over rows. */
export function sumField(rows: readonly StatRow[], amount: RowAmount): number {
  let total = 0;
  for (const row of rows) total += amountOf(row, amount);
  return total;
}

/** Σ of every count field over rows: the annex's missing total line. */
export function sumCounts(rows: readonly StatRow[]): Counts {
  const totals = Object.fromEntries(COUNT_FIELDS.map((field) => [field, 0])) as Counts;
  for (const row of rows) {
    for (const field of COUNT_FIELDS) totals[field] += row[field];
  }
  return totals;
}

/**
 * A group's rate from its numerators and denominators: Σ numerator / Σ denominator × 100
 * (null when Σ denominator is 0). Unrounded.
 */
export function aggregateRatio(rows: readonly StatRow[], numerator: RowAmount, denominator: RowAmount): Percent | null {
  // Two counts of different populations make no rate (evaluations with batch cases ÷ completions without).
  if (typeof numerator === "string" && typeof denominator === "string") {
    if (COUNT_SCOPES[numerator] !== COUNT_SCOPES[denominator]) {
      throw new Error(`aggregateRatio: ${numerator} and ${denominator} are counts of different scopes`);
    }
  }
  return percent(sumField(rows, numerator), sumField(rows, denominator));
}

export type ApproximateRate = {
  value: Percent | null;
  approximate: true;
  weightField: CountField;
};

/**
 * Σ(rate × weight) / Σ weight over rows, with the weight of RATE_WEIGHTS. Rows with weight 0
 * (no promised cases) do not count, whatever rate they print. Unrounded; always approximate.
 */
export function weightedRate(rows: readonly StatRow[], field: WeightedRateField): ApproximateRate {
  const weightField = RATE_WEIGHTS[field];
  let weighted = 0;
  let weights = 0;
  for (const row of rows) {
    weighted += row[field] * row[weightField];
    weights += row[weightField];
  }
  return { value: weights === 0 ? null : weighted / weights, approximate: true, weightField };
}

export type AggregatedRate =
  | { value: Percent | null; method: "ratio"; approximate: false }
  | { value: Percent | null; method: "weighted"; approximate: true; weightField: CountField }
  | { value: null; method: "unavailable"; approximate: false };

/**
 * A total for any annex rate column: exact where the annex holds the counts behind the rate
 * (网上办理率 = onlinePromisedCompleted / promisedCompleted), weighted where it holds only
 * rates, unavailable for coverage (the number of list items per unit is not in the annex).
 */
export function aggregateAnnexRate(rows: readonly StatRow[], field: RateField): AggregatedRate {
  if (field === "onlineHandlingRate") {
    const formula = RATIO_FORMULAS.onlineHandlingRate;
    return {
      value: percent(
        formulaNumerator(formula, (c) => sumField(rows, c as CountField)),
        sumField(rows, formula.denominator),
      ),
      method: "ratio",
      approximate: false,
    };
  }
  if (field === "coverageRate") return { value: null, method: "unavailable", approximate: false };
  const { value, weightField } = weightedRate(rows, field);
  return { value, method: "weighted", approximate: true, weightField };
}

// ---------------------------------------------------------------------------------------------
// Active evaluation denominators

/**
 * What an active evaluation rate is divided by — always batch-inclusive completions, its
 * definition: given ('inclBatch'), or reconstructed as activeEvaluations ÷ a stated rate
 * ('implied', approximate: the stated rate has 2 decimals). Null when neither is known: the
 * denominator is then missing, never replaced by `completed` (which excludes batch cases).
 */
export type EvaluationDenominatorBasis = "inclBatch" | "implied";

export type EvaluationDenominator = {
  value: number | null;
  /** Null when the denominator is not known (value null). */
  basis: EvaluationDenominatorBasis | null;
  approximate: boolean;
};

const UNKNOWN_DENOMINATOR: EvaluationDenominator = { value: null, basis: null, approximate: false };

/**
 * One row's denominator: completedInclBatch when known; else implied by the stated rate
 * (the 2021-06 districts: 通川区 167275 ÷ 100.38% ≈ 166,642, not its 48,935 completions);
 * else unknown.
 */
export function rowEvaluationDenominator(row: StatRow): EvaluationDenominator {
  if (row.completedInclBatch != null) {
    return { value: row.completedInclBatch, basis: "inclBatch", approximate: false };
  }
  const stated = row.activeEvaluationRateReported;
  if (stated != null && stated > 0 && row.activeEvaluations > 0) {
    return { value: row.activeEvaluations / (stated / 100), basis: "implied", approximate: true };
  }
  return UNKNOWN_DENOMINATOR;
}

/** Σ of the rows' denominators; unknown when any row's is; approximate when any row's is. */
export function evaluationDenominator(rows: readonly StatRow[]): EvaluationDenominator {
  if (rows.length === 0) return UNKNOWN_DENOMINATOR;
  return combineDenominators(rows.map(rowEvaluationDenominator));
}

function combineDenominators(parts: readonly EvaluationDenominator[]): EvaluationDenominator {
  let value = 0;
  let approximate = false;
  for (const part of parts) {
    // One unit without its batch-inclusive completions leaves the sum unknown: adding its
    // `completed` instead would mix the two populations.
    if (part.value === null) return UNKNOWN_DENOMINATOR;
    value += part.value;
    approximate ||= part.approximate;
  }
  return { value, basis: approximate ? "implied" : "inclBatch", approximate };
}

// ---------------------------------------------------------------------------------------------
// Scope summaries (全市 / 市本级 / 县（市、区）)

/** How each headline rate is obtained from a scope's parts. */
export type RateMethod =
  /** One of RATIO_FORMULAS, over the scope's counts (a missing count makes the rate null rather than wrong). */
  | { method: "ratio"; formula: RatioFormula }
  | { method: "weighted"; rateField: WeightedRateField & HeadlineRateField; weightField: HeadlineCountField }
  /** activeEvaluations ÷ completedInclBatch, the denominator given or implied by a stated rate (never `completed`). */
  | { method: "evaluation"; formula: typeof RATIO_FORMULAS.activeEvaluationRate }
  /** Stated by the bulletin, with nothing in the annex to compute it from. */
  | { method: "reportedOnly" };

/** How each headline rate is obtained (exported so a test can walk every formula). */
export const HEADLINE_RATES: Readonly<Record<HeadlineRateField, RateMethod>> = {
  promiseSpeedupRate: { method: "weighted", rateField: "promiseSpeedupRate", weightField: "promisedCompleted" },
  handlingSpeedupRate: { method: "weighted", rateField: "handlingSpeedupRate", weightField: "promisedCompleted" },
  earlyCompletionRate: { method: "weighted", rateField: "earlyCompletionRate", weightField: "promisedCompleted" },
  onlineShare: { method: "ratio", formula: RATIO_FORMULAS.onlineShare },
  onlineEarlyCompletionRate: {
    method: "weighted",
    rateField: "onlineEarlyCompletionRate",
    weightField: "onlinePromisedCompleted",
  },
  onTimeCompletionRate: { method: "ratio", formula: RATIO_FORMULAS.onTimeCompletionRate },
  activeEvaluationRate: { method: "evaluation", formula: RATIO_FORMULAS.activeEvaluationRate },
  satisfactionRate: { method: "reportedOnly" },
  coverageRate: { method: "reportedOnly" },
  catalogClaimRate: { method: "reportedOnly" },
};

/**
 * Where a figure's value comes from: the bulletin's text ('reported'), exact arithmetic on
 * the rows or scopes ('computed'), or weighting of stated rates ('approximate').
 */
export type FigureSource = "reported" | "computed" | "approximate";

export type ScopeFigure = {
  /** What to show: the reported value when the bulletin states one, else the computed one. */
  value: number | null;
  /** Where `value` comes from; null when there is no value. */
  source: FigureSource | null;
  reported: number | null;
  /** From the rows (or, for the city, from the two scopes). Rates rounded as printed. */
  computed: number | null;
  /** True when `computed` is an approximation. */
  approximate: boolean;
  /** reported − computed, when both exist (rates in percentage points, rounded to 2 decimals). */
  difference: number | null;
};

export type ScopeSummary = {
  scope: SummaryScope;
  figures: Record<HeadlineField, ScopeFigure>;
  /** Denominator behind figures.activeEvaluationRate.computed; kept so the city can add it. */
  evaluationDenominator: EvaluationDenominator;
};

function makeFigure(
  kind: "count" | "rate",
  reported: number | null | undefined,
  computedRaw: number | null,
  approximate: boolean,
): ScopeFigure {
  const computed = kind === "rate" ? roundRate(computedRaw) : computedRaw;
  const stated = reported ?? null;
  let difference: number | null = null;
  if (stated !== null && computed !== null) {
    difference = kind === "rate" ? roundRate(stated - computed) : stated - computed;
  }
  const value = stated ?? computed;
  const source: FigureSource | null =
    stated !== null ? "reported" : computed === null ? null : approximate ? "approximate" : "computed";
  return { value, source, reported: stated, computed, approximate: computed !== null && approximate, difference };
}

function inferScope(rows: readonly StatRow[]): SummaryScope {
  if (rows.length > 0 && rows.every((r) => r.kind === "DEPARTMENT")) return "MUNICIPAL";
  if (rows.length > 0 && rows.every((r) => r.kind === "DISTRICT")) return "DISTRICTS";
  return "CITY";
}

/**
 * The scope's denominator for its evaluation rate, best first: a stated batch-inclusive
 * total; the rows' when none is approximate; implied by the stated scope rate; the rows'
 * approximate ones.
 */
function scopeEvaluationDenominator(
  rows: readonly StatRow[],
  reported: ReportedSummary | null | undefined,
): EvaluationDenominator {
  if (reported?.completedInclBatch != null) {
    return { value: reported.completedInclBatch, basis: "inclBatch", approximate: false };
  }
  const fromRows = evaluationDenominator(rows);
  if (fromRows.value !== null && !fromRows.approximate) return fromRows;
  const statedRate = reported?.activeEvaluationRate;
  const evaluations = reported?.activeEvaluations ?? (rows.length > 0 ? sumField(rows, "activeEvaluations") : null);
  if (statedRate != null && statedRate > 0 && evaluations !== null && evaluations > 0) {
    return { value: evaluations / (statedRate / 100), basis: "implied", approximate: true };
  }
  return fromRows;
}

/**
 * Every headline figure of a scope (CITY / MUNICIPAL / DISTRICTS) from its rows, side by side
 * with what the bulletin states. The scope is reported.scope, else `scope`, else inferred
 * from the rows' kinds. For the city prefer cityFromScopes: the bulletin's city totals add
 * the municipal *stated* totals, which differ from the department rows.
 */
export function aggregateScope(
  rows: readonly StatRow[],
  reported?: ReportedSummary | null,
  scope?: SummaryScope,
): ScopeSummary {
  const counts = sumCounts(rows);
  const evalDenominator = scopeEvaluationDenominator(rows, reported);
  const figures = {} as Record<HeadlineField, ScopeFigure>;

  for (const field of HEADLINE_FIELDS) {
    const stated = reported?.[field];
    if (isHeadlineCount(field)) {
      figures[field] = makeFigure("count", stated, rows.length > 0 ? counts[field] : null, false);
      continue;
    }
    const spec = HEADLINE_RATES[field];
    switch (spec.method) {
      case "ratio":
        figures[field] = makeFigure(
          "rate",
          stated,
          ratioOf(spec.formula, (c) => counts[c as CountField]),
          false,
        );
        break;
      case "weighted":
        figures[field] = makeFigure("rate", stated, weightedRate(rows, spec.rateField).value, true);
        break;
      case "evaluation":
        figures[field] = makeFigure(
          "rate",
          stated,
          evalDenominator.value === null ? null : activeEvaluationRate(counts.activeEvaluations, evalDenominator.value),
          evalDenominator.approximate,
        );
        break;
      case "reportedOnly":
        figures[field] = makeFigure("rate", stated, null, false);
        break;
    }
  }
  return { scope: reported?.scope ?? scope ?? inferScope(rows), figures, evaluationDenominator: evalDenominator };
}

/** A formula over amounts that may be missing: null when any count it reads is. */
function ratioOf(formula: RatioFormula, amount: (count: ScopedCount) => number | null): number | null {
  const counts = [...formula.plus, ...formula.minus, formula.denominator];
  const known = new Map<ScopedCount, number>();
  for (const count of counts) {
    const value = amount(count);
    if (value === null || value === undefined) return null;
    known.set(count, value);
  }
  return percent(
    formulaNumerator(formula, (c) => known.get(c)!),
    known.get(formula.denominator)!,
  );
}

function isHeadlineCount(field: HeadlineField): field is HeadlineCountField {
  return (HEADLINE_COUNT_FIELDS as readonly string[]).includes(field);
}

function addNullable(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/**
 * The city (全市) as the municipal level plus the districts, from the two scopes' *values*:
 * counts add (46,016 + 1,002,037 = 1,048,053, as the bulletin does, using the municipal
 * stated total rather than the department rows' 46,015); ratio rates are recomputed from the
 * added counts (335,445 / 1,048,053 = 32.01%); rates known only as rates are weighted by
 * their scope's weight count and flagged approximate; the evaluation rate divides the added
 * evaluations by the added denominators. Figures nothing can derive (satisfaction, coverage,
 * claim rate) come only from `reported`.
 */
export function cityFromScopes(
  municipal: ScopeSummary,
  districts: ScopeSummary,
  reported?: ReportedSummary | null,
): ScopeSummary {
  const parts = [municipal, districts] as const;
  const counts = {} as Record<HeadlineCountField, number | null>;
  for (const field of HEADLINE_COUNT_FIELDS) {
    counts[field] = addNullable(municipal.figures[field].value, districts.figures[field].value);
  }
  // A stated city 办结件总数（包含批量件） is the city's denominator; else the two scopes' added.
  const evalDenominator: EvaluationDenominator =
    reported?.completedInclBatch != null
      ? { value: reported.completedInclBatch, basis: "inclBatch", approximate: false }
      : combineDenominators(parts.map((p) => p.evaluationDenominator));
  const figures = {} as Record<HeadlineField, ScopeFigure>;

  for (const field of HEADLINE_FIELDS) {
    const stated = reported?.[field];
    if (isHeadlineCount(field)) {
      figures[field] = makeFigure("count", stated, counts[field], false);
      continue;
    }
    const spec = HEADLINE_RATES[field];
    switch (spec.method) {
      case "ratio": {
        const value = ratioOf(spec.formula, (c) => counts[c as HeadlineCountField] ?? null);
        figures[field] = makeFigure("rate", stated, value, false);
        break;
      }
      case "weighted": {
        let weighted: number | null = 0;
        let weights: number | null = 0;
        for (const part of parts) {
          const rate = part.figures[field].value;
          const weight = part.figures[spec.weightField].value;
          if (rate === null || weight === null || weighted === null || weights === null) {
            weighted = weights = null;
            break;
          }
          weighted += rate * weight;
          weights += weight;
        }
        const value = weighted === null || weights === null || weights === 0 ? null : weighted / weights;
        figures[field] = makeFigure("rate", stated, value, true);
        break;
      }
      case "evaluation": {
        const value =
          counts.activeEvaluations === null || evalDenominator.value === null
            ? null
            : activeEvaluationRate(counts.activeEvaluations, evalDenominator.value);
        figures[field] = makeFigure("rate", stated, value, evalDenominator.approximate);
        break;
      }
      case "reportedOnly":
        figures[field] = makeFigure("rate", stated, null, false);
        break;
    }
  }
  return { scope: "CITY", figures, evaluationDenominator: evalDenominator };
}
