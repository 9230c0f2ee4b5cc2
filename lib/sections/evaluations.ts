// 好差评 (evaluations) as the dashboard's page shows it: the city's active evaluations and
// their change, satisfaction, the active evaluation rate and its change in points, the rate
// of 市本级 and of each county saying which denominator it stands on, and the departments
// with the most evaluations. Every figure from lib/indicators; pure.
import {
  countChange,
  rateChange,
  rowActiveEvaluationRate,
  topN,
  type CountChange,
  type FigureSource,
  type MonthScopes,
  type RateChange,
  type ScopeSummary,
  type StatRow,
} from "@/lib/indicators";

/**
 * What an evaluation rate is divided by: the rate stated by the bulletin ('reported', on
 * batch-inclusive completions), batch-inclusive completions ('inclBatch'), this month's
 * completions without batch cases ('completed'), a denominator implied by a stated rate
 * ('implied', approximate), units on different bases ('mixed'); 'none' without a rate.
 */
export type EvaluationBasis = "reported" | "inclBatch" | "completed" | "implied" | "mixed" | "none";

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
  };
  municipal: EvaluationLine;
  districts: EvaluationLine[];
  /** Departments by evaluations, most first (only those with any). */
  topDepartments: Array<EvaluationLine & { rank: number }>;
};

function scopeBasis(scope: ScopeSummary): EvaluationBasis {
  const figure = scope.figures.activeEvaluationRate;
  if (figure.value === null) return "none";
  return figure.source === "reported" ? "reported" : scope.evaluationDenominator.basis;
}

function rowLine(row: StatRow): EvaluationLine {
  const { value, basis } = rowActiveEvaluationRate(row);
  return {
    key: row.unitCode,
    unitCode: row.unitCode,
    name: row.unitName,
    evaluations: row.activeEvaluations,
    rate: value,
    basis: value === null ? "none" : basis,
    approximate: false,
  };
}

export function evaluationsSection(
  current: SectionMonth,
  previous: SectionMonth | null,
  options: { topDepartments?: number; municipalName?: string } = {},
): EvaluationsSection {
  const city = current.scopes.city.figures;
  const before = previous?.scopes.city.figures ?? null;
  const municipal = current.scopes.municipal;
  const departments = current.rows.filter((r) => r.kind === "DEPARTMENT");
  const districts = current.rows.filter((r) => r.kind === "DISTRICT");
  const top = topN(departments, "activeEvaluations", options.topDepartments ?? 10).filter((r) => r.activeEvaluations > 0);
  return {
    city: {
      evaluations: city.activeEvaluations.value,
      evaluationsSource: city.activeEvaluations.source,
      evaluationsChange: countChange(city.activeEvaluations.value, before?.activeEvaluations.value),
      satisfactionRate: city.satisfactionRate.value,
      satisfactionChange: rateChange(city.satisfactionRate.value, before?.satisfactionRate.value),
      rate: city.activeEvaluationRate.value,
      basis: scopeBasis(current.scopes.city),
      approximate: city.activeEvaluationRate.source === "approximate",
      rateChange: rateChange(city.activeEvaluationRate.value, before?.activeEvaluationRate.value),
      rateChangeApproximate:
        city.activeEvaluationRate.source === "approximate" || before?.activeEvaluationRate.source === "approximate",
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
