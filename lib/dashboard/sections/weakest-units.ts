// The units an official should look at first: lowest catalogue coverage, most overdue
// completions, biggest fall of the 主动评价率 from last month, and those with no cases.
// Pure; each list in the order of concern, ties in the report's order.
import { hasNoCases, rateChange, rowActiveEvaluationRate, topN } from "@/lib/indicators";
import type { StatRow } from "@/lib/indicators/types";

export const WEAKEST_LISTS = ["lowestCoverage", "mostOverdue", "biggestFall", "noCases"] as const;
export type WeakestList = (typeof WEAKEST_LISTS)[number];

export type WeakUnit = {
  unitCode: string;
  unitName: string;
  kind: StatRow["kind"];
  /** lowestCoverage: the rate; mostOverdue: the count; biggestFall: the points (negative); noCases: null. */
  value: number | null;
  /** biggestFall: the rates this month and last. */
  current?: number | null;
  previous?: number | null;
};

const byKindThenSeq = (a: StatRow, b: StatRow) =>
  a.kind === b.kind ? a.seq - b.seq : a.kind === "DEPARTMENT" ? -1 : 1;
const unit = (row: StatRow, value: number | null, extra: Partial<WeakUnit> = {}): WeakUnit => ({
  unitCode: row.unitCode,
  unitName: row.unitName,
  kind: row.kind,
  value,
  ...extra,
});

export function weakestUnits(
  rows: readonly StatRow[],
  previousRows: readonly StatRow[],
  limit = 5,
): Record<WeakestList, WeakUnit[]> {
  const ordered = [...rows].sort(byKindThenSeq);
  const before = new Map(previousRows.map((row) => [row.unitCode, row]));
  const falls = ordered.flatMap((row) => {
    const old = before.get(row.unitCode);
    if (!old) return [];
    const now = rowActiveEvaluationRate(row);
    const then = rowActiveEvaluationRate(old);
    // Only rates of one basis compare, and a missing rate not at all (as in the 存在的问题 rule).
    if (now.basis === null || now.basis !== then.basis) return [];
    const change = rateChange(now.value, then.value);
    return change && change.points < 0 ? [{ row, change }] : [];
  });
  falls.sort((a, b) => a.change.points - b.change.points);
  return {
    lowestCoverage: topN(ordered, "coverageRate", limit, "asc").map((row) => unit(row, row.coverageRate)),
    mostOverdue: topN(
      ordered.filter((row) => row.overdueCompleted > 0),
      "overdueCompleted",
      limit,
    ).map((row) => unit(row, row.overdueCompleted)),
    biggestFall: falls
      .slice(0, limit)
      .map(({ row, change }) => unit(row, change.points, { current: change.current, previous: change.previous })),
    noCases: ordered.filter(hasNoCases).map((row) => unit(row, null)),
  };
}
