// Rankings as the bulletin states them ("办件较好": the units with most completions) and a
// unit's place among its peers. Ties follow the report's 序号 for ordering, and share a rank.

import { COUNT_FIELDS, type CountField, type RateField, type StatRow } from "./types";

/** What to rank by: an annex column, or a derived value (null = not rankable, e.g. no cases). */
export type RankBy = CountField | RateField | ((row: StatRow) => number | null);

export type RankOrder = "desc" | "asc";

function rankValue(row: StatRow, by: RankBy): number | null {
  const value = typeof by === "function" ? by(row) : row[by];
  return value === null || Number.isNaN(value) ? null : value;
}

/** Rows with a value, best first (desc by default), equal values in the report's seq order. */
function ordered(rows: readonly StatRow[], by: RankBy, order: RankOrder): { row: StatRow; value: number }[] {
  const direction = order === "desc" ? -1 : 1;
  return rows
    .map((row) => ({ row, value: rankValue(row, by) }))
    .filter((entry): entry is { row: StatRow; value: number } => entry.value !== null)
    .sort((a, b) => (a.value === b.value ? a.row.seq - b.row.seq : direction * (a.value - b.value)));
}

/** The first `n` rows by a field, largest first unless order is 'asc'; ties by seq. */
export function topN(rows: readonly StatRow[], by: RankBy, n: number, order: RankOrder = "desc"): StatRow[] {
  return ordered(rows, by, order)
    .slice(0, Math.max(0, n))
    .map((entry) => entry.row);
}

export type RankedRow = { row: StatRow; value: number; rank: number };

/**
 * All rows with their 1-based rank ("1224" ranking: equal values share the rank, the next
 * rank skips). Rows whose value is null are left out.
 */
export function rankRows(rows: readonly StatRow[], by: RankBy, order: RankOrder = "desc"): RankedRow[] {
  const sorted = ordered(rows, by, order);
  const ranked: RankedRow[] = [];
  sorted.forEach((entry, index) => {
    const before = ranked[index - 1];
    const rank = before && before.value === entry.value ? before.rank : index + 1;
    ranked.push({ ...entry, rank });
  });
  return ranked;
}

/** A unit's rank among `rows` (its peers, itself included); null when absent or unrankable. */
export function rankOf(
  rows: readonly StatRow[],
  unitCode: string,
  by: RankBy,
  order: RankOrder = "desc",
): number | null {
  return rankRows(rows, by, order).find((entry) => entry.row.unitCode === unitCode)?.rank ?? null;
}

/**
 * The case counts: every count but activeEvaluations (evaluations can concern earlier
 * months' cases, so they do not show the unit handled cases this month).
 */
export const CASE_COUNT_FIELDS: readonly Exclude<CountField, "activeEvaluations">[] = COUNT_FIELDS.filter(
  (field): field is Exclude<CountField, "activeEvaluations"> => field !== "activeEvaluations",
);

/**
 * True when every case count is 0: the unit shows "本月无办件" instead of 0.00% rates. Any
 * single case counts (市公共资源交易服务中心, 2021-06: applied 0 but accepted 1 has cases).
 */
export function hasNoCases(row: StatRow): boolean {
  return CASE_COUNT_FIELDS.every((field) => row[field] === 0);
}
