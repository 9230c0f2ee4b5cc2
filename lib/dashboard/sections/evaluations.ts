// 好差评 (evaluations) as the dashboard's page shows it: the city's active evaluations and
// their change, satisfaction, the active evaluation rate and its change in points, the rate
// of 市本级 and of each county saying which denominator it stands on, and the departments
// with the most evaluations. Every figure from lib/indicators; pure.
import {
  type CountChange,
  type FigureSource,
  type MonthScopes,
  type RateChange,
  rowActiveEvaluationRate,
  type ScopeSummary,
  type StatRow,
  topN,
} from "@/lib/indicators";
import {
  compareFigures,
  decideMonthFigures,
  type FigureComparison,
  type FigureDecision,
} from "@/lib/indicators/figure-decision";

/**
 * What an evaluation rate is divided by: the rate as the bulletin states it ('reported'),
 * batch-inclusive completions ('inclBatch'), a denominator
 * implied by a stated rate ('implied', approximate). Without a rate: batch-inclusive
 * completions not given ('noInclBatch': the rate is missing, never divided by this month's
 * completions, which exclude the batch cases the evaluations include), or given as 0 ('none').
 */
export type EvaluationBasis = "reported" | "inclBatch" | "implied" | "noInclBatch" | "none";

export type EvaluationLine = {
  /** "municipal" for 市本级, else the unit's code. */
  key: string;
  unitCode: string | null;
  name: string;
  evaluations: number | null;
  /** Unrounded percentage; null without a denominator. */
  rate: number | null;
  basis: EvaluationBasis;
  approximate: boolean;
};

export type SectionMonth = { month: string; isDemo: boolean; rows: readonly StatRow[]; scopes: MonthScopes };

export type EvaluationsSection = {
  city: {
    evaluations: number | null;
    evaluationsSource: FigureSource | null;
    evaluationsChange: CountChange | null;
    satisfactionRate: number | null;
    satisfactionChange: RateChange | null;
    rate: number | null;
    basis: EvaluationBasis;
    approximate: boolean;
    /** In percentage points; approximate when either month's rate is. */
    rateChange: RateChange | null;
    rateChangeApproximate: boolean;
    /** The one decision of each city figure and its like-with-like comparison (lib/indicators/figure-decision.ts). */
    decisions: { evaluations: FigureDecision; satisfaction: FigureDecision; rate: FigureDecision };
    comparisons: { evaluations: FigureComparison; satisfaction: FigureComparison; rate: FigureComparison };
  };
  municipal: EvaluationLine;
  districts: EvaluationLine[];
  /** Departments by evaluations, most first (only those with any). */
  topDepartments: Array<EvaluationLine & { rank: number }>;
};

function scopeBasis(scope: ScopeSummary): EvaluationBasis {
  const figure = scope.figures.activeEvaluationRate;
  if (figure.source === "reported") return "reported";
  const denominator = scope.evaluationDenominator;
  if (denominator.basis === null) return "noInclBatch";
  return figure.value === null ? "none" : denominator.basis;
}

function rowLine(row: StatRow): EvaluationLine {
  const { value, basis, gap } = rowActiveEvaluationRate(row);
  return {
    key: row.unitCode,
    unitCode: row.unitCode,
    name: row.unitName,
    evaluations: row.activeEvaluations,
    rate: value,
    basis: gap === "noInclBatch" ? "noInclBatch" : value === null || basis === null ? "none" : basis,
    approximate: false,
  };
}

function countChangeOf(comparison: FigureComparison): CountChange | null {
  return comparison.status === "compared" && comparison.kind === "count" ? comparison.change : null;
}
function rateChangeOf(comparison: FigureComparison): RateChange | null {
  return comparison.status === "compared" && comparison.kind === "rate" ? comparison.change : null;
}

export function evaluationsSection(
  current: SectionMonth,
  previous: SectionMonth | null,
  options: { topDepartments?: number; municipalName?: string } = {},
): EvaluationsSection {
  const city = current.scopes.city.figures;
  const now = decideMonthFigures(current.scopes).city;
  const then = previous ? decideMonthFigures(previous.scopes).city : null;
  const previousMonth = previous ? { month: previous.month, isDemo: previous.isDemo } : null;
  const compare = (field: "activeEvaluations" | "satisfactionRate" | "activeEvaluationRate") =>
    compareFigures(now[field], then?.[field] ?? null, previousMonth);
  const comparisons = {
    evaluations: compare("activeEvaluations"),
    satisfaction: compare("satisfactionRate"),
    rate: compare("activeEvaluationRate"),
  };
  const municipal = current.scopes.municipal;
  const departments = current.rows.filter((r) => r.kind === "DEPARTMENT");
  const districts = current.rows.filter((r) => r.kind === "DISTRICT");
  const top = topN(departments, "activeEvaluations", options.topDepartments ?? 10).filter(
    (r) => r.activeEvaluations > 0,
  );
  return {
    city: {
      evaluations: city.activeEvaluations.value,
      evaluationsSource: city.activeEvaluations.source,
      evaluationsChange: countChangeOf(comparisons.evaluations),
      satisfactionRate: city.satisfactionRate.value,
      satisfactionChange: rateChangeOf(comparisons.satisfaction),
      rate: city.activeEvaluationRate.value,
      basis: scopeBasis(current.scopes.city),
      approximate: city.activeEvaluationRate.source === "approximate",
      rateChange: rateChangeOf(comparisons.rate),
      rateChangeApproximate: comparisons.rate.status === "compared" && comparisons.rate.estimated,
      decisions: {
        evaluations: now.activeEvaluations,
        satisfaction: now.satisfactionRate,
        rate: now.activeEvaluationRate,
      },
      comparisons,
    },
    municipal: {
      key: "municipal",
      unitCode: null,
      name: options.municipalName ?? "市本级",
      evaluations: municipal.figures.activeEvaluations.value,
      rate: municipal.figures.activeEvaluationRate.value,
      basis: scopeBasis(municipal),
      approximate: municipal.figures.activeEvaluationRate.source === "approximate",
    },
    districts: districts.map(rowLine),
    topDepartments: top.map((row, index) => ({ ...rowLine(row), rank: index + 1 })),
  };
}
