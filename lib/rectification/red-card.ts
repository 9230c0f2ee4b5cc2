// Red cards of the daily supervision (issue 20) answered with the same machinery: a case's red
// card is a RED_CARD task of its unit, identified by 办件编号 (caseNo) and month. The answer is a
// reason from a fixed list and free text; the review (销号/退回) and the audit are the same.
import { recordAuditEvent } from "@/lib/audit";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { addWorkingDays, chinaDate, loadWorkdayOverrides } from "./due-date";
import { readDueWorkingDays } from "./settings";
import { redCardTaskKey } from "./task-keys";

/** Why a case is past its promise: the fixed list a unit answers a red card from. */
export const RED_CARD_REASONS = [
  "supplementRequired", // 申请材料需补正
  "suspended", // 依法中止/特别程序
  "systemFault", // 系统故障
  "applicant", // 申请人原因
  "staffing", // 人员或业务量原因
  "other", // 其他
] as const;
export type RedCardReason = (typeof RED_CARD_REASONS)[number];
export const isRedCardReason = (value: string): value is RedCardReason =>
  (RED_CARD_REASONS as readonly string[]).includes(value);

/** The answer state the cards' list shows beside each red card. */
export type AnswerState = "unanswered" | "answered" | "closed" | "returned";

export function answerStateOf(status: string): AnswerState {
  switch (status) {
    case "ANSWERED":
      return "answered";
    case "CLOSED":
      return "closed";
    case "RETURNED":
      return "returned";
    default:
      return "unanswered";
  }
}

export type RedCardInput = {
  caseNo: string;
  /** The month the card belongs to, YYYY-MM. */
  month: string;
  unitCode: string;
  actorId: number | null;
  now?: Date;
};

/**
 * The RED_CARD task of a case: found when it exists, else opened (due N working days later).
 * Idempotent, also when two callers open the same card at once (the unique key lets one in).
 */
export async function openRedCardTask(
  db: PrismaClient,
  input: RedCardInput,
): Promise<{ id: number; created: boolean } | { error: "noUnit" }> {
  const key = redCardTaskKey(input.caseNo, input.month);
  const existing = await db.rectificationTask.findUnique({ where: { key }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const unit = await db.unit.findUnique({ where: { code: input.unitCode }, select: { id: true, name: true } });
  if (!unit) return { error: "noUnit" };
  const now = input.now ?? new Date();
  try {
    const id = await db.$transaction(async (tx) => {
      const [days, overrides] = await Promise.all([readDueWorkingDays(tx), loadWorkdayOverrides(tx)]);
      const dueDate = addWorkingDays(chinaDate(now), days, overrides);
      const task = await tx.rectificationTask.create({
        data: {
          key,
          kind: "RED_CARD",
          month: input.month,
          unitId: unit.id,
          caseNo: input.caseNo,
          dueDate: new Date(`${dueDate}T00:00:00Z`),
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actorId: input.actorId,
        action: "rectification.create",
        month: input.month,
        targetType: "RectificationTask",
        targetId: String(task.id),
        details: { key, caseNo: input.caseNo, unitCode: input.unitCode, unitName: unit.name, dueDate },
      });
      return task.id;
    });
    return { id, created: true };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const found = await db.rectificationTask.findUnique({ where: { key }, select: { id: true } });
      if (found) return { id: found.id, created: false };
    }
    throw error;
  }
}

/**
 * The answer state of many red cards at once, by 办件编号 (the newest month's card of a case
 * when it had several), for the cards' list to join. A case without a task is "unanswered".
 */
export async function readRedCardAnswerStates(
  db: PrismaClient,
  caseNos: readonly string[],
  month?: string,
): Promise<Map<string, { state: AnswerState; taskId: number; month: string }>> {
  const out = new Map<string, { state: AnswerState; taskId: number; month: string }>();
  if (caseNos.length === 0) return out;
  const tasks = await db.rectificationTask.findMany({
    where: { kind: "RED_CARD", caseNo: { in: [...new Set(caseNos)] }, ...(month ? { month } : {}) },
    select: { id: true, caseNo: true, month: true, status: true },
    orderBy: { month: "asc" },
  });
  for (const task of tasks)
    if (task.caseNo) out.set(task.caseNo, { state: answerStateOf(task.status), taskId: task.id, month: task.month });
  return out;
}
