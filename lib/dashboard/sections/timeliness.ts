// 办件超时 (timeliness) as the dashboard's page shows it: overdue completions and the on-time
// completion rate of the city, 市本级 and the counties with their change from last month, and
// the units with overdue cases. Every figure from lib/indicators; pure.
import {
  type CountChange,
  type FigureSource,
  onTimeCompletionRate,
  type RateChange,
  type StatRow,
} from "@/lib/indicators";
import {
  compareFigures,
  decideMonthFigures,
  type FigureComparison,
  type FigureDecision,
} from "@/lib/indicators/figure-decision";
import type { SectionMonth } from "./evaluations";

export type TimelinessScopeKey = "city" | "municipal" | "districts";

export type TimelinessScope = {
  scope: TimelinessScopeKey;
  overdue: number | null;
  overdueSource: FigureSource | null;
  overdueChange: CountChange | null;
  onTimeRate: number | null;
  onTimeRateSource: FigureSource | null;
  onTimeRateChange: RateChange | null;
  /** The one decision of each figure and its like-with-like comparison (lib/indicators/figure-decision.ts). */
  decisions: { overdue: FigureDecision; onTimeRate: FigureDecision };
  comparisons: { overdue: FigureComparison; onTimeRate: FigureComparison };
};

export type OverdueUnit = {
  unitCode: string;
  unitName: string;
  kind: StatRow["kind"];
  seq: number;
  completed: number;
  overdueCompleted: number;
  promisedOverdueCompleted: number;
  onlinePromisedOverdueCompleted: number;
  /** Unrounded; null without completions. */
  onTimeRate: number | null;
};

export type TimelinessSection = { scopes: TimelinessScope[]; units: OverdueUnit[] };

/** A unit has overdue cases when any of the annex's three overdue counts is above 0. */
export function hasOverdue(row: StatRow): boolean {
  return row.overdueCompleted > 0 || row.promisedOverdueCompleted > 0 || row.onlinePromisedOverdueCompleted > 0;
}

export function timelinessSection(current: SectionMonth, previous: SectionMonth | null): TimelinessSection {
  const nowDecisions = decideMonthFigures(current.scopes);
  const beforeDecisions = previous ? decideMonthFigures(previous.scopes) : null;
  const previousMonth = previous ? { month: previous.month, isDemo: previous.isDemo } : null;
  const scopes = (["city", "municipal", "districts"] as const).map((scope): TimelinessScope => {
    const now = current.scopes[scope].figures;
    const decided = nowDecisions[scope];
    const overdue = compareFigures(
      decided.overdueCompleted,
      beforeDecisions?.[scope].overdueCompleted ?? null,
      previousMonth,
    );
    const onTimeRate = compareFigures(
      decided.onTimeCompletionRate,
      beforeDecisions?.[scope].onTimeCompletionRate ?? null,
      previousMonth,
    );
    return {
      scope,
      overdue: now.overdueCompleted.value,
      overdueSource: now.overdueCompleted.source,
      overdueChange: overdue.status === "compared" && overdue.kind === "count" ? overdue.change : null,
      onTimeRate: now.onTimeCompletionRate.value,
      onTimeRateSource: now.onTimeCompletionRate.source,
      onTimeRateChange: onTimeRate.status === "compared" && onTimeRate.kind === "rate" ? onTimeRate.change : null,
      decisions: { overdue: decided.overdueCompleted, onTimeRate: decided.onTimeCompletionRate },
      comparisons: { overdue, onTimeRate },
    };
  });
  const units = current.rows
    .filter(hasOverdue)
    .map((row) => ({
      unitCode: row.unitCode,
      unitName: row.unitName,
      kind: row.kind,
      seq: row.seq,
      completed: row.completed,
      overdueCompleted: row.overdueCompleted,
      promisedOverdueCompleted: row.promisedOverdueCompleted,
      onlinePromisedOverdueCompleted: row.onlinePromisedOverdueCompleted,
      onTimeRate: onTimeCompletionRate(row.completed, row.overdueCompleted),
    }))
    .sort(
      (a, b) =>
        b.overdueCompleted - a.overdueCompleted ||
        (a.kind === b.kind ? a.seq - b.seq : a.kind === "DEPARTMENT" ? -1 : 1),
    );
  return { scopes, units };
}
