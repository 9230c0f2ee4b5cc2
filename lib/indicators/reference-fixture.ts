// Maps the transcribed reference bulletin (prisma/reference/2021-06.json) into the shapes the
// indicators work on: annex rows → StatRow[], narrative sections → one ReportedSummary per
// scope. Pure: the caller loads the JSON (tests import it, the seed may too), so the mapping
// is written once for tests and seed alike.

import {
  ANNEX_FIELDS,
  type AnnexField,
  emptyReportedSummary,
  REPORTED_SUMMARY_FIELDS,
  type ReportedSummary,
  type StatRow,
  type SummaryScope,
  type UnitKind,
} from "./types";

/** One row of annex1_departments / annex2_districts. */
export type ReferenceAnnexRow = { readonly seq: number; readonly name: string } & {
  readonly [F in AnnexField]: number;
};

/** The parts of the reference JSON this mapping reads. */
export type ReferenceMonthJson = {
  readonly month: string;
  readonly annex1_departments: readonly ReferenceAnnexRow[];
  readonly annex2_districts: readonly ReferenceAnnexRow[];
  readonly narrative: Readonly<Record<string, unknown>>;
};

export type ReferenceMonth = {
  month: string;
  departments: StatRow[];
  districts: StatRow[];
  /** Departments then districts, each in the report's order. */
  rows: StatRow[];
  summaries: Record<SummaryScope, ReportedSummary>;
  /** Month-over-month changes the bulletin states for the city (the previous month is not in the JSON). */
  statedChanges: { activeEvaluations: number | null; activeEvaluationRatePoints: number | null };
};

/** Unit code as the schema documents it: "d08" = department 序号 8 (市公安局), "x04" = district 4 (宣汉县). */
export function unitCodeFor(kind: UnitKind, seq: number): string {
  return `${kind === "DEPARTMENT" ? "d" : "x"}${String(seq).padStart(2, "0")}`;
}

/** Names as keys: the PDF text split some (`渠 县`), so whitespace never distinguishes units. */
export function normalizeUnitName(name: string): string {
  return name.replace(/\s+/g, "");
}

function record(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function toStatRow(source: ReferenceAnnexRow, kind: UnitKind, evaluationRates: ReadonlyMap<string, number>): StatRow {
  const name = normalizeUnitName(source.name);
  const figures = {} as Record<AnnexField, number>;
  for (const field of ANNEX_FIELDS) {
    const value: unknown = source[field];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new Error(`reference row ${source.seq} ${name}: ${field} is not a number (${String(value)})`);
    }
    figures[field] = value;
  }
  return {
    ...figures,
    unitCode: unitCodeFor(kind, source.seq),
    unitName: name,
    kind,
    seq: source.seq,
    completedInclBatch: null,
    activeEvaluationRateReported: evaluationRates.get(name) ?? null,
  };
}

/** A narrative section's figures that are ReportedSummary fields, onto an empty summary. */
function summaryFrom(scope: SummaryScope, ...sections: Readonly<Record<string, unknown>>[]): ReportedSummary {
  const summary = emptyReportedSummary(scope);
  for (const section of sections) {
    for (const field of REPORTED_SUMMARY_FIELDS) {
      const value = numberOrNull(section[field]);
      if (value !== null) summary[field] = value;
    }
  }
  return summary;
}

/**
 * The reference month as StatRow[] and ReportedSummary per scope. Narrative sections map as:
 * city → CITY, municipal → MUNICIPAL, counties → DISTRICTS; evaluations (total, rate,
 * satisfaction), timeliness and problems (coverage, claim rate) → CITY; evaluations.municipal
 * → MUNICIPAL; each district's stated evaluation rate, and each named department's
 * (evaluations.topDepartments), → its row's activeEvaluationRateReported.
 */
export function referenceMonthFromJson(json: ReferenceMonthJson): ReferenceMonth {
  const narrative = json.narrative;
  const evaluations = record(narrative.evaluations);
  const problems = record(narrative.problems);
  const municipalEvaluations = record(evaluations.municipal);

  const districtRates = new Map<string, number>();
  for (const [name, pair] of Object.entries(record(evaluations.districts))) {
    const rate = Array.isArray(pair) ? numberOrNull(pair[1]) : null;
    if (rate !== null) districtRates.set(normalizeUnitName(name), rate);
  }

  // The departments the text names with their rates (主动评价率分别为：77.29%、…): stated
  // figures, kept as stated. (The report divides them by `completed`; we print them as it
  // states them and compute no department rate without 办结件总数（包含批量件）.)
  const departmentRates = new Map<string, number>();
  for (const entry of Array.isArray(evaluations.topDepartments) ? evaluations.topDepartments : []) {
    const rate = Array.isArray(entry) ? numberOrNull(entry[2]) : null;
    if (rate !== null && typeof entry[0] === "string") departmentRates.set(normalizeUnitName(entry[0]), rate);
  }

  const departments = json.annex1_departments.map((r) => toStatRow(r, "DEPARTMENT", departmentRates));
  const districts = json.annex2_districts.map((r) => toStatRow(r, "DISTRICT", districtRates));

  const city = summaryFrom(
    "CITY",
    record(narrative.city),
    record(narrative.timeliness),
    {
      activeEvaluations: evaluations.total,
      activeEvaluationRate: evaluations.activeEvaluationRate,
      satisfactionRate: evaluations.satisfactionRate,
    },
    { coverageRate: problems.coverageRate, catalogClaimRate: problems.catalogClaimRate },
  );
  const municipal = summaryFrom("MUNICIPAL", record(narrative.municipal), {
    activeEvaluations: municipalEvaluations.count,
    activeEvaluationRate: municipalEvaluations.rate,
  });
  const counties = summaryFrom("DISTRICTS", record(narrative.counties));

  return {
    month: json.month,
    departments,
    districts,
    rows: [...departments, ...districts],
    summaries: { CITY: city, MUNICIPAL: municipal, DISTRICTS: counties },
    statedChanges: {
      activeEvaluations: numberOrNull(evaluations.changeFromPreviousMonth),
      activeEvaluationRatePoints: numberOrNull(evaluations.activeEvaluationRateChangePoints),
    },
  };
}
