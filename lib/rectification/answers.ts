// The answer (回告) and its review (销号 / 退回), for both kinds of task. Each change names the
// task's version it was made on: the update applies only if the task still has that version
// (PostgreSQL re-reads the row after a concurrent commit), so of an answer and a review sent at
// the same moment one wins and the other is told the task changed. Every step is an answer row
// or a review on one, with its audit event in the same transaction; nothing is deleted.
import type { Viewer } from "@/lib/access";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { canAnswerTask, canReviewTask, canSeeTask } from "./access";
import { type CheckedAttachment, removeStoredAttachment, storeAttachment } from "./attachments";
import type { RedCardReason } from "./red-card";

export const MAX_MEASURE_LENGTH = 2000;
export const MAX_COMMENT_LENGTH = 1000;

/** 整改措施: what the unit found, what it did, what it will do, and by when (YYYY-MM-DD). */
export type Measures = { found: string; done: string; planned: string; plannedBy: string | null };
export type RedCardAnswer = { reason: RedCardReason; text: string };

export type AnswerInput = {
  taskId: number;
  /** The task's version the form was shown with. */
  version: number;
  viewer: Viewer;
  measures?: Measures;
  redCard?: RedCardAnswer;
  attachments?: readonly CheckedAttachment[];
};

export type StepRefusal = "notFound" | "forbidden" | "finished" | "notAnswered" | "conflict" | "invalid";
export type StepResult = { ok: true; version: number } | { ok: false; reason: StepRefusal };

class Conflict extends Error {}

async function loadTask(db: PrismaClient, taskId: number) {
  const task = await db.rectificationTask.findUnique({
    where: { id: taskId },
    select: { id: true, kind: true, month: true, status: true, version: true, unit: { select: { code: true } } },
  });
  return task ? { ...task, unitCode: task.unit?.code ?? null } : null;
}

export async function submitAnswer(db: PrismaClient, input: AnswerInput): Promise<StepResult> {
  const task = await loadTask(db, input.taskId);
  // Another unit's task is answered as if it did not exist: its id says nothing.
  if (!task || !canSeeTask(input.viewer, task)) return { ok: false, reason: "notFound" };
  if (!canAnswerTask(input.viewer, task)) return { ok: false, reason: "forbidden" };
  if (task.status === "CLOSED" || task.status === "WITHDRAWN") return { ok: false, reason: "finished" };
  if (task.kind === "PROBLEM" ? !input.measures : !input.redCard) return { ok: false, reason: "invalid" };
  const files = input.attachments ?? [];
  for (const file of files) await storeAttachment(file);
  try {
    const version = await db.$transaction(async (tx) => {
      const updated = await tx.rectificationTask.updateMany({
        where: { id: task.id, version: input.version, status: { in: ["OPEN", "RETURNED", "ANSWERED"] } },
        data: { status: "ANSWERED", version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new Conflict();
      const last = await tx.rectificationAnswer.findFirst({
        where: { taskId: task.id },
        orderBy: { seq: "desc" },
        select: { seq: true },
      });
      const m = input.measures;
      const answer = await tx.rectificationAnswer.create({
        data: {
          taskId: task.id,
          seq: (last?.seq ?? 0) + 1,
          found: m?.found ?? null,
          done: m?.done ?? null,
          planned: m?.planned ?? null,
          plannedBy: m?.plannedBy ? new Date(`${m.plannedBy}T00:00:00Z`) : null,
          reason: input.redCard?.reason ?? null,
          text: input.redCard?.text ?? null,
          submittedById: input.viewer.userId,
        },
        select: { id: true, seq: true },
      });
      for (const file of files)
        await tx.rectificationAttachment.create({
          data: {
            taskId: task.id,
            answerId: answer.id,
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.bytes.byteLength,
            sha256: file.sha256,
            uploadedById: input.viewer.userId,
          },
        });
      await recordAuditEvent(tx, {
        actorId: input.viewer.userId,
        action: "rectification.answer",
        month: task.month,
        targetType: "RectificationTask",
        targetId: String(task.id),
        details: {
          seq: answer.seq,
          previousStatus: task.status,
          attachments: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256, size: f.bytes.byteLength })),
        },
      });
      return input.version + 1;
    });
    return { ok: true, version };
  } catch (error) {
    // The files of an answer that lost: removed unless another answer holds the same bytes.
    for (const file of files)
      if ((await db.rectificationAttachment.count({ where: { sha256: file.sha256 } })) === 0)
        await removeStoredAttachment(file.sha256);
    if (error instanceof Conflict) return { ok: false, reason: "conflict" };
    throw error;
  }
}

export type ReviewInput = {
  taskId: number;
  version: number;
  viewer: Viewer;
  decision: "CLOSED" | "RETURNED";
  comment: string;
};

export async function reviewTask(db: PrismaClient, input: ReviewInput): Promise<StepResult> {
  const task = await loadTask(db, input.taskId);
  if (!task || !canSeeTask(input.viewer, task)) return { ok: false, reason: "notFound" };
  if (!canReviewTask(input.viewer)) return { ok: false, reason: "forbidden" };
  if (task.status === "CLOSED" || task.status === "WITHDRAWN") return { ok: false, reason: "finished" };
  if (task.status !== "ANSWERED") return { ok: false, reason: "notAnswered" };
  const comment = input.comment.trim();
  // A task is sent back with the reason why; a 销号 may say nothing.
  if (input.decision === "RETURNED" && comment === "") return { ok: false, reason: "invalid" };
  try {
    const version = await db.$transaction(async (tx) => {
      const updated = await tx.rectificationTask.updateMany({
        where: { id: task.id, version: input.version, status: "ANSWERED" },
        data: { status: input.decision, version: { increment: 1 } },
      });
      if (updated.count !== 1) throw new Conflict();
      const answer = await tx.rectificationAnswer.findFirst({
        where: { taskId: task.id },
        orderBy: { seq: "desc" },
        select: { id: true, seq: true },
      });
      if (!answer) throw new Conflict();
      await tx.rectificationAnswer.update({
        where: { id: answer.id },
        data: {
          decision: input.decision,
          comment: comment || null,
          reviewedById: input.viewer.userId,
          reviewedAt: new Date(),
        },
      });
      await recordAuditEvent(tx, {
        actorId: input.viewer.userId,
        action: input.decision === "CLOSED" ? "rectification.close" : "rectification.return",
        month: task.month,
        targetType: "RectificationTask",
        targetId: String(task.id),
        details: { seq: answer.seq, comment: comment || null },
      });
      return input.version + 1;
    });
    return { ok: true, version };
  } catch (error) {
    if (error instanceof Conflict) return { ok: false, reason: "conflict" };
    throw error;
  }
}
