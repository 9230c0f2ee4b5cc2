// A month's 整改 in numbers: how many tasks, how many closed, waiting for review, sent back,
// not answered, and which units have not answered. Pure: the board and the next month's
// bulletin draft (上月通报问题整改情况) both count with this one function, so they agree.

export type SummaryTask = {
  status: string;
  unitCode: string | null;
  unitName: string | null;
  problemKind: string | null;
  /** Units in the report's order (DEPARTMENT first, then 序号). */
  unitOrder?: number;
};

export type RectificationSummary = {
  month: string;
  total: number;
  closed: number;
  answered: number;
  returned: number;
  unanswered: number;
  /** Units (names; null: the administration itself) with a task never answered, in the report's order. */
  unansweredUnits: (string | null)[];
  /** Every task's unit and problem, to find the units the next bulletin names again. */
  tasks: { unitCode: string | null; unitName: string | null; problemKind: string | null }[];
};

export function summariseTasks(month: string, tasks: readonly SummaryTask[]): RectificationSummary {
  const live = tasks.filter((t) => t.status !== "WITHDRAWN");
  const count = (status: string) => live.filter((t) => t.status === status).length;
  const ordered = [...live].sort((a, b) => (a.unitOrder ?? 0) - (b.unitOrder ?? 0));
  const unansweredUnits = [...new Set(ordered.filter((t) => t.status === "OPEN").map((t) => t.unitName ?? null))] as (
    | string
    | null
  )[];
  return {
    month,
    total: live.length,
    closed: count("CLOSED"),
    answered: count("ANSWERED"),
    returned: count("RETURNED"),
    unanswered: count("OPEN"),
    unansweredUnits,
    tasks: ordered.map((t) => ({ unitCode: t.unitCode, unitName: t.unitName, problemKind: t.problemKind })),
  };
}
