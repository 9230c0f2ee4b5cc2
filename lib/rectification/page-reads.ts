import "server-only";
// The reads pages and routes call (app/ never holds the database client): the board, a unit's
// tasks, one task, one attachment, the header's count, a month's summary.
import type { Viewer } from "@/lib/access";
import { prisma } from "@/lib/db";
import type { Locale } from "@/lib/i18n/messages";
import { canReviewTask, canSeeTask } from "./access";
import { attachmentBytes } from "./attachments";
import {
  type BoardQuery,
  countWaitingTasks,
  listTasks,
  readAttachment,
  readMonthSummary,
  readTask,
  type TaskRow,
} from "./read-tasks";
import { readRedCardAnswerStates } from "./red-card";
import { readDueWorkingDays } from "./settings";

/** The board's tasks as the viewer may see them: a reviewer's every unit, anyone else its own unit's only, whatever the query says. */
export function getTasks(viewer: Viewer, query: BoardQuery): Promise<TaskRow[]> {
  const scoped = canReviewTask(viewer) ? query : { ...query, unitCode: viewer.unitCode ?? "-" };
  return listTasks(prisma, scoped);
}

/** One task with its history, or null when it does not exist or the viewer may not see it. */
export async function getTask(viewer: Viewer, id: number) {
  const task = await readTask(prisma, id);
  return task && canSeeTask(viewer, task) ? task : null;
}

export async function getAttachment(viewer: Viewer, id: number) {
  const found = await readAttachment(prisma, id);
  return found && canSeeTask(viewer, found) ? found : null;
}

/** The bytes of an attachment getAttachment gave, checked against its SHA-256 (a refusal is audited). */
export const getAttachmentBytes = (
  viewer: Viewer,
  attachment: { id: number; fileName: string; sha256: string },
  locale: Locale,
) => attachmentBytes(prisma, viewer.userId, attachment, locale);

export const getDueWorkingDays = () => readDueWorkingDays(prisma);
export const getWaitingCount = (viewer: Viewer) => countWaitingTasks(prisma, viewer);
export const getMonthSummary = (month: string) => readMonthSummary(prisma, month);

/** A unit's tasks waiting for its answer (the unit page's panel). */
export async function getWaitingTasks(viewer: Viewer): Promise<TaskRow[]> {
  if (viewer.role !== "DEPARTMENT" || !viewer.unitCode) return [];
  const open = await listTasks(prisma, { unitCode: viewer.unitCode, sort: "due" });
  return open.filter((t) => t.status === "OPEN" || t.status === "RETURNED");
}

/** The answer state of red cards by 办件编号, for the 预警 list (the cards are scoped by their page). */
export const getRedCardAnswerStates = (caseNos: readonly string[], month?: string) =>
  readRedCardAnswerStates(prisma, caseNos, month);
