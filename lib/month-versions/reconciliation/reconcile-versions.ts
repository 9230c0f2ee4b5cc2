// Reconciliation of a month's two sources: the version computed from case records (origin CASES)
// against the version published from an uploaded annex (origin UPLOAD), per unit and annex
// column. Pure: the reads are lib/month-versions/reconciliation/read-reconciliation.ts.
//
// How a cell is compared:
// - counts: exactly;
// - a rate whose numerator and denominator are both annex columns (网上办理率 =
//   线上承诺件办结 / 承诺件办结): by its numerator and denominator, so a difference is shown
//   where it comes from, not as a rounding question;
// - any other rate: as printed, 2 decimals — equal when the two differ by no more than half of
//   the last printed digit (0.005 percentage points), since the annex's rate is the platform's
//   rounded figure and the records' rate the exact one.
import {
  ANNEX_FIELDS,
  type AnnexField,
  COUNT_FIELDS,
  type CountField,
  type StatRow,
  type UnitKind,
} from "@/lib/indicators/types";

export type ReconcileSource = { rows: readonly StatRow[] };

/** Rates whose numerator and denominator are both annex columns. */
export const RATIO_RATES: Partial<Record<AnnexField, { numerator: CountField; denominator: CountField }>> = {
  onlineHandlingRate: { numerator: "onlinePromisedCompleted", denominator: "promisedCompleted" },
};

/** Half of the last printed digit of a rate (printed with 2 decimals). */
export const RATE_TOLERANCE = 0.005;

export type CellBasis = "exact" | "ratio" | "printed";

export type RatioParts = { numerator: number; denominator: number };

export type CellComparison = {
  field: AnnexField;
  kind: "count" | "rate";
  basis: CellBasis;
  cases: number;
  annex: number;
  /** cases − annex (rates: percentage points). */
  difference: number;
  differs: boolean;
  /** For ratio rates: the numerator and denominator on each side. */
  ratio?: { cases: RatioParts; annex: RatioParts };
};

export type UnitRef = { unitCode: string; unitName: string; kind: UnitKind; seq: number };

export type UnitReconciliation = UnitRef & { cells: CellComparison[]; differingCells: number };

export type Reconciliation = {
  /** Units in both versions, departments first, in the annex's order. */
  units: UnitReconciliation[];
  onlyInCases: UnitRef[];
  onlyInAnnex: UnitRef[];
  summary: { unitsCompared: number; unitsDiffering: number; cellsCompared: number; cellsDiffering: number };
};

const isCount = (field: AnnexField): field is CountField => (COUNT_FIELDS as readonly string[]).includes(field);

/** Float noise (0.1 + 0.2) must not turn an equal pair into a difference. */
const EPSILON = 1e-9;

export function compareCell(field: AnnexField, cases: StatRow, annex: StatRow): CellComparison {
  const a = cases[field];
  const b = annex[field];
  const difference = a - b;
  if (isCount(field)) return { field, kind: "count", basis: "exact", cases: a, annex: b, difference, differs: a !== b };
  const ratio = RATIO_RATES[field];
  if (ratio) {
    const parts = (row: StatRow): RatioParts => ({
      numerator: row[ratio.numerator],
      denominator: row[ratio.denominator],
    });
    const c = parts(cases);
    const n = parts(annex);
    const differs = c.numerator !== n.numerator || c.denominator !== n.denominator;
    return {
      field,
      kind: "rate",
      basis: "ratio",
      cases: a,
      annex: b,
      difference: roundPoints(difference),
      differs,
      ratio: { cases: c, annex: n },
    };
  }
  return {
    field,
    kind: "rate",
    basis: "printed",
    cases: a,
    annex: b,
    difference: roundPoints(difference),
    differs: Math.abs(difference) > RATE_TOLERANCE + EPSILON,
  };
}

function roundPoints(value: number): number {
  return Math.round(value * 100) / 100;
}

const ref = (row: StatRow): UnitRef => ({
  unitCode: row.unitCode,
  unitName: row.unitName,
  kind: row.kind,
  seq: row.seq,
});
const KIND_ORDER: Record<UnitKind, number> = { DEPARTMENT: 0, DISTRICT: 1 };
const byAnnexOrder = (a: UnitRef, b: UnitRef) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.seq - b.seq || a.unitCode.localeCompare(b.unitCode);

/**
 * Every unit of either version, matched by unit code, each annex column compared. A case-derived
 * version has a row for every active unit (zeros included); an annex lists the units it lists:
 * a unit with no row in the annex is listed as missing from it, whatever its figures.
 */
export function reconcileVersions(cases: ReconcileSource, annex: ReconcileSource): Reconciliation {
  const annexByCode = new Map(annex.rows.map((r) => [r.unitCode, r]));
  const casesByCode = new Map(cases.rows.map((r) => [r.unitCode, r]));
  const units: UnitReconciliation[] = [];
  for (const annexRow of annex.rows) {
    const casesRow = casesByCode.get(annexRow.unitCode);
    if (!casesRow) continue;
    const cells = ANNEX_FIELDS.map((f) => compareCell(f, casesRow, annexRow));
    // The annex's order and sequence numbers: the reader checks against the printed annex.
    units.push({ ...ref(annexRow), cells, differingCells: cells.filter((c) => c.differs).length });
  }
  units.sort(byAnnexOrder);
  const onlyInCases = cases.rows
    .filter((r) => !annexByCode.has(r.unitCode))
    .map(ref)
    .sort(byAnnexOrder);
  const onlyInAnnex = annex.rows
    .filter((r) => !casesByCode.has(r.unitCode))
    .map(ref)
    .sort(byAnnexOrder);
  const cellsDiffering = units.reduce((n, u) => n + u.differingCells, 0);
  return {
    units,
    onlyInCases,
    onlyInAnnex,
    summary: {
      unitsCompared: units.length,
      unitsDiffering: units.filter((u) => u.differingCells > 0).length,
      cellsCompared: units.length * ANNEX_FIELDS.length,
      cellsDiffering,
    },
  };
}

/** The CSV of a reconciliation: one line per compared cell (only differing ones unless `all`). */
export function reconciliationRows(
  reconciliation: Reconciliation,
  options: { all: boolean },
): Array<{ unit: UnitReconciliation; cell: CellComparison }> {
  return reconciliation.units.flatMap((unit) =>
    unit.cells.filter((cell) => options.all || cell.differs).map((cell) => ({ unit, cell })),
  );
}
