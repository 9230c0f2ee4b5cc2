// The reads of 整改: the board (every task of a month, or all open ones, filtered and sorted),
// a unit's tasks, the header's count, one task with its history, one attachment, and the
// summary of a month (lib/rectification/summary.ts).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { chinaDate } from "./due-date";
import { type RectificationSummary, summariseTasks } from "./summary";

export const TASK_STATUSES = ["OPEN", "ANSWERED", "RETURNED", "CLOSED", "WITHDRAWN"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const BOARD_SORTS = ["unit", "problem", "due", "status", "consecutive"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export type TaskRow = {
  id: number;
  kind: "PROBLEM" | "RED_CARD";
  month: string;
  unitCode: string | null;
  unitName: string | null;
  problemKind: string | null;
  figure: string | null;
  edition: number | null;
  caseNo: string | null;
  dueDate: string;
  status: TaskStatus;
  version: number;
  consecutiveMonths: number;
  withdrawnReason: string | null;
  answers: number;
  /** 逾期未反馈: past its due date and never answered. */
  overdueUnanswered: boolean;
};

export type BoardQuery = {
  /** A month's tasks; without one, every task still open (not closed, not withdrawn). */
  month?: string | null;
  unitCode?: string | null;
  problemKind?: string | null;
  status?: TaskStatus | null;
  kind?: "PROBLEM" | "RED_CARD" | null;
  overdueOnly?: boolean;
  sort?: BoardSort;
};

const OPEN_STATUSES: TaskStatus[] = ["OPEN", "ANSWERED", "RETURNED"];
const taskSelect = {
  id: true,
  kind: true,
  month: true,
  problemKind: true,
  figure: true,
  edition: true,
  caseNo: true,
  dueDate: true,
  status: true,
  version: true,
  consecutiveMonths: true,
  withdrawnReason: true,
  unit: { select: { code: true, name: true, kind: true, sortOrder: true } },
  _count: { select: { answers: true } },
} satisfies Prisma.RectificationTaskSelect;
type SelectedTask = Prisma.RectificationTaskGetPayload<{ select: typeof taskSelect }>;

function toRow(task: SelectedTask, today: string): TaskRow {
  const dueDate = task.dueDate.toISOString().slice(0, 10);
  return {
    id: task.id,
    kind: task.kind,
    month: task.month,
    unitCode: task.unit?.code ?? null,
    unitName: task.unit?.name ?? null,
    problemKind: task.problemKind,
    figure: task.figure,
    edition: task.edition,
    caseNo: task.caseNo,
    dueDate,
    status: task.status,
    version: task.version,
    consecutiveMonths: task.consecutiveMonths,
    withdrawnReason: task.withdrawnReason,
    answers: task._count.answers,
    overdueUnanswered: task.status === "OPEN" && dueDate < today,
  };
}

/** The administration's own tasks first, then departments, then counties, each in 序号 order. */
function unitOrder(task: SelectedTask): number {
  if (!task.unit) return -1;
  return (task.unit.kind === "DEPARTMENT" ? 0 : 10_000) + task.unit.sortOrder;
}

export async function listTasks(db: PrismaClient, query: BoardQuery, now: Date = new Date()): Promise<TaskRow[]> {
  const today = chinaDate(now);
  const where: Prisma.RectificationTaskWhereInput = {
    ...(query.month ? { month: query.month } : { status: { in: OPEN_STATUSES } }),
    ...(query.unitCode ? { unit: { code: query.unitCode } } : {}),
    ...(query.problemKind ? { problemKind: query.problemKind } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
  };
  if (query.status) where.status = query.status;
  if (query.overdueOnly) {
    where.status = "OPEN";
    where.dueDate = { lt: new Date(`${today}T00:00:00Z`) };
  }
  const tasks = await db.rectificationTask.findMany({ where, select: taskSelect, take: 5000 });
  const order = new Map(tasks.map((t) => [t.id, unitOrder(t)]));
  const rows = tasks.map((t) => toRow(t, today));
  const byUnit = (a: TaskRow, b: TaskRow) => order.get(a.id)! - order.get(b.id)! || a.id - b.id;
  const sorters: Record<BoardSort, (a: TaskRow, b: TaskRow) => number> = {
    unit: (a, b) => byUnit(a, b) || (a.problemKind ?? "").localeCompare(b.problemKind ?? ""),
    problem: (a, b) => (a.problemKind ?? "").localeCompare(b.problemKind ?? "") || byUnit(a, b),
    due: (a, b) => a.dueDate.localeCompare(b.dueDate) || byUnit(a, b),
    status: (a, b) => TASK_STATUSES.indexOf(a.status) - TASK_STATUSES.indexOf(b.status) || byUnit(a, b),
    consecutive: (a, b) => b.consecutiveMonths - a.consecutiveMonths || byUnit(a, b),
  };
  return rows.sort(sorters[query.sort ?? "unit"]);
}

/**
 * The header's number, one indexed count: a unit's tasks waiting for its answer (open or sent
 * back); for a reviewer, the answers waiting for review.
 */
export async function countWaitingTasks(
  db: PrismaClient,
  viewer: { role: string; unitCode: string | null },
): Promise<number> {
  if (viewer.role === "DEPARTMENT") {
    if (!viewer.unitCode) return 0;
    return db.rectificationTask.count({
      where: { unit: { code: viewer.unitCode }, status: { in: ["OPEN", "RETURNED"] } },
    });
  }
  return db.rectificationTask.count({ where: { status: "ANSWERED" } });
}

/** A month's summary: the board's figures and the next month's bulletin section. */
export async function readMonthSummary(
  db: PrismaClient,
  month: string,
  kind: "PROBLEM" | "RED_CARD" = "PROBLEM",
): Promise<RectificationSummary | null> {
  const tasks = await db.rectificationTask.findMany({ where: { month, kind }, select: taskSelect });
  if (tasks.length === 0) return null;
  return summariseTasks(
    month,
    tasks.map((t) => ({
      status: t.status,
      unitCode: t.unit?.code ?? null,
      unitName: t.unit?.name ?? null,
      problemKind: t.problemKind,
      unitOrder: unitOrder(t),
    })),
  );
}

export type TaskDetail = TaskRow & {
  bulletinIssueId: number | null;
  withdrawnAt: string | null;
  createdAt: string;
  answerList: {
    id: number;
    seq: number;
    found: string | null;
    done: string | null;
    planned: string | null;
    plannedBy: string | null;
    reason: string | null;
    text: string | null;
    submittedBy: string | null;
    submittedAt: string;
    decision: "CLOSED" | "RETURNED" | null;
    comment: string | null;
    reviewedBy: string | null;
    reviewedAt: string | null;
    attachments: { id: number; fileName: string; size: number; sha256: string }[];
  }[];
};

export async function readTask(db: PrismaClient, id: number, now: Date = new Date()): Promise<TaskDetail | null> {
  const task = await db.rectificationTask.findUnique({
    where: { id },
    select: {
      ...taskSelect,
      bulletinIssueId: true,
      withdrawnAt: true,
      createdAt: true,
      answers: {
        orderBy: { seq: "asc" },
        include: { attachments: { select: { id: true, fileName: true, size: true, sha256: true } } },
      },
    },
  });
  if (!task) return null;
  const userIds = [
    ...new Set(task.answers.flatMap((a) => [a.submittedById, a.reviewedById]).filter((x): x is number => x !== null)),
  ];
  const users = new Map(
    (
      await db.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, displayName: true, username: true },
      })
    ).map((u) => [u.id, u.displayName || u.username]),
  );
  const name = (id: number | null) => (id === null ? null : (users.get(id) ?? null));
  return {
    ...toRow(task, chinaDate(now)),
    bulletinIssueId: task.bulletinIssueId,
    withdrawnAt: task.withdrawnAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    answerList: task.answers.map((a) => ({
      id: a.id,
      seq: a.seq,
      found: a.found,
      done: a.done,
      planned: a.planned,
      plannedBy: a.plannedBy?.toISOString().slice(0, 10) ?? null,
      reason: a.reason,
      text: a.text,
      submittedBy: name(a.submittedById),
      submittedAt: a.submittedAt.toISOString(),
      decision: a.decision === "CLOSED" || a.decision === "RETURNED" ? a.decision : null,
      comment: a.comment,
      reviewedBy: name(a.reviewedById),
      reviewedAt: a.reviewedAt?.toISOString() ?? null,
      attachments: a.attachments,
    })),
  };
}

/** One attachment with the unit of its task (the route decides who may have it). */
export async function readAttachment(db: PrismaClient, id: number) {
  const found = await db.rectificationAttachment.findUnique({
    where: { id },
    select: {
      id: true,
      fileName: true,
      contentType: true,
      sha256: true,
      task: { select: { id: true, unit: { select: { code: true } } } },
    },
  });
  if (!found) return null;
  return {
    id: found.id,
    fileName: found.fileName,
    contentType: found.contentType,
    sha256: found.sha256,
    taskId: found.task.id,
    unitCode: found.task.unit?.code ?? null,
  };
}
