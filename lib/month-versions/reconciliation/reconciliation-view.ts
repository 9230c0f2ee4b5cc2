// A reconciliation as the page shows it and as the CSV holds it: figures formatted as everywhere
// else (lib/i18n/format.ts: 1,048,053 · 32.01% · −0.01个百分点), a ratio rate with its two counts.

import { fieldLabel } from "@/lib/annex-upload";
import { toCsv } from "@/lib/export/csv";
import { type FormatLocale, formatCount, formatPoints, formatRate, formatSignedCount } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import { withNote } from "@/lib/i18n/punctuation";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import {
  type CellComparison,
  type Reconciliation,
  reconciliationRows,
  type UnitReconciliation,
} from "./reconcile-versions";

export type ReconciliationViewRow = {
  key: string;
  unitCode: string;
  unitName: string;
  kindLabel: string;
  unitOrder: number;
  seq: number;
  field: string;
  fieldLabel: string;
  fieldOrder: number;
  cases: string;
  annex: string;
  difference: string;
  magnitude: number;
  basis: string;
  differs: boolean;
};

/** "85.16%", or for a ratio rate "50.00%（10 / 20）" ("50.00% (10 / 20)" in English). */
export function cellValueText(cell: CellComparison, side: "cases" | "annex", locale: FormatLocale = "zh-CN"): string {
  if (cell.kind === "count") return formatCount(cell[side], { locale });
  const ratio = cell.ratio?.[side];
  return ratio
    ? withNote(
        formatRate(cell[side], locale),
        `${formatCount(ratio.numerator, { locale })} / ${formatCount(ratio.denominator, { locale })}`,
        locale,
      )
    : formatRate(cell[side], locale);
}

export function cellDifferenceText(cell: CellComparison, locale: FormatLocale = "zh-CN"): string {
  if (cell.kind === "count") return formatSignedCount(cell.difference, { locale });
  if (cell.basis === "ratio" && cell.ratio) {
    // The counts behind the rate are what differ; the printed rates may not.
    const { cases, annex } = cell.ratio;
    const parts = [cases.numerator - annex.numerator, cases.denominator - annex.denominator];
    return parts.some((p) => p !== 0)
      ? `${formatSignedCount(parts[0], { locale })} / ${formatSignedCount(parts[1], { locale })}`
      : formatPoints(cell.difference, locale);
  }
  return formatPoints(cell.difference, locale);
}

const FIELD_ORDER = new Map<string, number>(ANNEX_FIELDS.map((f, i) => [f, i]));

export function reconciliationViewRows(
  reconciliation: Reconciliation,
  messages: Messages,
  options: { all: boolean },
): ReconciliationViewRow[] {
  const t = messages.reconciliation;
  return reconciliationRows(reconciliation, options).map(({ unit, cell }) => ({
    key: `${unit.unitCode}/${cell.field}`,
    unitCode: unit.unitCode,
    unitName: unit.unitName,
    kindLabel: t.kinds[unit.kind],
    unitOrder: (unit.kind === "DEPARTMENT" ? 0 : 100_000) + unit.seq,
    seq: unit.seq,
    field: cell.field,
    fieldLabel: fieldLabel(messages, cell.field),
    fieldOrder: FIELD_ORDER.get(cell.field) ?? 0,
    cases: cellValueText(cell, "cases", messages.locale),
    annex: cellValueText(cell, "annex", messages.locale),
    difference: cellDifferenceText(cell, messages.locale),
    magnitude: Math.abs(cell.difference),
    basis: t.bases[cell.basis],
    differs: cell.differs,
  }));
}

/** The CSV: the figures as numbers (a spreadsheet sums them), one line per compared cell. */
export function reconciliationCsv(
  reconciliation: Reconciliation,
  messages: Messages,
  options: { all: boolean },
): string {
  const t = messages.reconciliation;
  const c = t.columns;
  const ratioText = (cell: CellComparison, side: "cases" | "annex") =>
    cell.ratio ? `${cell.ratio[side].numerator}/${cell.ratio[side].denominator}` : null;
  const rows = reconciliationRows(reconciliation, options).map(
    ({ unit, cell }: { unit: UnitReconciliation; cell: CellComparison }) => [
      unit.seq,
      unit.unitName,
      t.kinds[unit.kind],
      fieldLabel(messages, cell.field),
      cell.cases,
      cell.annex,
      cell.difference,
      ratioText(cell, "cases"),
      ratioText(cell, "annex"),
      t.bases[cell.basis],
      cell.differs ? t.differs : t.same,
    ],
  );
  const header = [
    c.seq,
    c.unit,
    c.kind,
    c.field,
    c.cases,
    c.annex,
    c.difference,
    fill(t.ratioParts, { column: c.cases }),
    fill(t.ratioParts, { column: c.annex }),
    c.basis,
    c.status,
  ];
  const units = (list: Reconciliation["onlyInCases"]) => list.map((u) => u.unitName).join("、");
  const extra: Array<Array<string | number | null>> = [];
  if (reconciliation.onlyInCases.length > 0)
    extra.push([null, units(reconciliation.onlyInCases), null, t.onlyInCases.replace(/：\{units\}|: \{units\}/, "")]);
  if (reconciliation.onlyInAnnex.length > 0)
    extra.push([null, units(reconciliation.onlyInAnnex), null, t.onlyInAnnex.replace(/：\{units\}|: \{units\}/, "")]);
  return toCsv(header, [...rows, ...extra]);
}
