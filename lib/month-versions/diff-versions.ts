// Cell-by-cell difference between two sets of a month's figures (a version and an upload, or
// two versions): every changed cell, every unit added or removed, every summary figure changed.
import { UNIT_EXTRA_FIELDS, type UnitExtraField } from "@/lib/indicators/annex-columns";
import { ANNEX_FIELDS, type AnnexField, type StatRow } from "@/lib/indicators/types";
import type { SummaryInput } from "@/lib/month-versions/create-month-version";

export type DiffField = AnnexField | UnitExtraField | "seq";
export type CellChange = {
  unitCode: string;
  unitName: string;
  field: DiffField;
  before: number | null;
  after: number | null;
};
export type SummaryChange = { scope: string; field: string; before: number | null; after: number | null };
export type Diff = {
  changes: CellChange[];
  added: Array<{ unitCode: string; unitName: string }>;
  removed: Array<{ unitCode: string; unitName: string }>;
  summaries: SummaryChange[];
  /** Units present on both sides with no changed cell. */
  unchangedUnits: number;
};

const FIELDS: DiffField[] = ["seq", ...ANNEX_FIELDS, ...UNIT_EXTRA_FIELDS];

export function diffFigures(
  before: { rows: readonly StatRow[]; summaries: readonly SummaryInput[] } | null,
  after: { rows: readonly StatRow[]; summaries: readonly SummaryInput[] },
): Diff {
  const old = new Map((before?.rows ?? []).map((r) => [r.unitCode, r]));
  const now = new Map(after.rows.map((r) => [r.unitCode, r]));
  const diff: Diff = { changes: [], added: [], removed: [], summaries: [], unchangedUnits: 0 };
  for (const row of after.rows) {
    const prev = old.get(row.unitCode);
    if (!prev) {
      diff.added.push({ unitCode: row.unitCode, unitName: row.unitName });
      continue;
    }
    let changed = false;
    for (const field of FIELDS) {
      const a = (prev[field] ?? null) as number | null;
      const b = (row[field] ?? null) as number | null;
      if (a !== b) {
        changed = true;
        diff.changes.push({ unitCode: row.unitCode, unitName: row.unitName, field, before: a, after: b });
      }
    }
    if (!changed) diff.unchangedUnits++;
  }
  for (const row of before?.rows ?? [])
    if (!now.has(row.unitCode)) diff.removed.push({ unitCode: row.unitCode, unitName: row.unitName });
  const scopes = new Set([...(before?.summaries ?? []), ...after.summaries].map((s) => s.scope));
  for (const scope of scopes) {
    const a = (before?.summaries.find((s) => s.scope === scope) ?? {}) as Record<string, unknown>;
    const b = (after.summaries.find((s) => s.scope === scope) ?? {}) as Record<string, unknown>;
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (field === "scope") continue;
      const x = (a[field] ?? null) as number | null;
      const y = (b[field] ?? null) as number | null;
      if (x !== y) diff.summaries.push({ scope, field, before: x, after: y });
    }
  }
  return diff;
}

export function isEmptyDiff(diff: Diff): boolean {
  return diff.changes.length + diff.added.length + diff.removed.length + diff.summaries.length === 0;
}
