// 整改 tasks from an issued bulletin, in the issue's own transaction (lib/bulletin/issue):
// one task per unit per problem that names it, one for the administration itself when a
// problem names no unit. A later edition (第N版) changes the set: a unit no longer named has its
// task withdrawn with the correction note as the reason, a newly named unit gets a task; a task
// named by both editions is kept as it is (with its answers). Every change is audited.
import { recordAuditEvent } from "@/lib/audit";
import { previousMonth } from "@/lib/calendar/month";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Problem } from "@/lib/indicators/problems";
import { addWorkingDays, chinaDate, loadWorkdayOverrides } from "./due-date";
import { cityFigure, unitFigure } from "./problem-figures";
import { readDueWorkingDays } from "./settings";
import { problemTaskKey } from "./task-keys";

export type BulletinTaskInput = {
  month: string;
  edition: number;
  bulletinIssueId: number;
  problems: readonly Problem[];
  correctionNote: string | null;
  actorId: number | null;
  now?: Date;
};

export type BulletinTaskChanges = { created: number; withdrawn: number; kept: number };

type Wanted = {
  key: string;
  problemKind: string;
  unitCode: string | null;
  figure: string;
  figureValue: number | null;
};

function wantedTasks(month: string, problems: readonly Problem[]): Wanted[] {
  const out: Wanted[] = [];
  for (const problem of problems) {
    if (problem.units.length === 0) {
      const figure = cityFigure(problem);
      out.push({
        key: problemTaskKey(month, problem.kind, null),
        problemKind: problem.kind,
        unitCode: null,
        figure: figure.text,
        figureValue: figure.value,
      });
      continue;
    }
    for (const unit of problem.units) {
      const figure = unitFigure(problem, unit);
      out.push({
        key: problemTaskKey(month, problem.kind, unit.unitCode),
        problemKind: problem.kind,
        unitCode: unit.unitCode,
        figure: figure.text,
        figureValue: figure.value,
      });
    }
  }
  return out;
}

export async function syncBulletinTasks(
  tx: Prisma.TransactionClient,
  input: BulletinTaskInput,
): Promise<BulletinTaskChanges> {
  const wanted = wantedTasks(input.month, input.problems);
  const wantedKeys = new Set(wanted.map((w) => w.key));
  const existing = await tx.rectificationTask.findMany({
    where: { kind: "PROBLEM", month: input.month },
    select: { id: true, key: true, status: true, version: true },
  });
  const byKey = new Map(existing.map((t) => [t.key, t]));
  const codes = [...new Set(wanted.map((w) => w.unitCode).filter((c): c is string => c !== null))];
  const units = new Map(
    (await tx.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true, name: true } })).map(
      (u) => [u.code, u] as const,
    ),
  );
  const now = input.now ?? new Date();
  const [days, overrides] = await Promise.all([readDueWorkingDays(tx), loadWorkdayOverrides(tx)]);
  const dueDate = new Date(`${addWorkingDays(chinaDate(now), days, overrides)}T00:00:00Z`);
  // 连续 N 个月: the previous month's task of the same unit and problem, if it was not withdrawn.
  const before = previousMonth(input.month);
  const previous = new Map(
    (
      await tx.rectificationTask.findMany({
        where: {
          key: { in: wanted.map((w) => problemTaskKey(before, w.problemKind, w.unitCode)) },
          status: { not: "WITHDRAWN" },
        },
        select: { key: true, consecutiveMonths: true },
      })
    ).map((t) => [t.key, t.consecutiveMonths]),
  );

  const changes: BulletinTaskChanges = { created: 0, withdrawn: 0, kept: 0 };
  for (const w of wanted) {
    const found = byKey.get(w.key);
    if (found && found.status !== "WITHDRAWN") {
      changes.kept++;
      continue;
    }
    const unit = w.unitCode === null ? null : (units.get(w.unitCode) ?? null);
    if (w.unitCode !== null && unit === null) continue; // a unit the table no longer has: nobody to answer
    const unitId = unit?.id ?? null;
    const consecutiveMonths = (previous.get(problemTaskKey(before, w.problemKind, w.unitCode)) ?? 0) + 1;
    const data = {
      figure: w.figure,
      figureValue: w.figureValue,
      edition: input.edition,
      bulletinIssueId: input.bulletinIssueId,
      dueDate,
      status: "OPEN" as const,
      consecutiveMonths,
    };
    // A unit named again by a later edition after a correction withdrew it: its task reopens.
    const task = found
      ? await tx.rectificationTask.update({
          where: { id: found.id },
          data: { ...data, version: { increment: 1 }, withdrawnReason: null, withdrawnAt: null },
          select: { id: true },
        })
      : await tx.rectificationTask.create({
          data: { ...data, key: w.key, kind: "PROBLEM", month: input.month, unitId, problemKind: w.problemKind },
          select: { id: true },
        });
    changes.created++;
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: "rectification.create",
      month: input.month,
      targetType: "RectificationTask",
      targetId: String(task.id),
      details: {
        key: w.key,
        edition: input.edition,
        problemKind: w.problemKind,
        unitCode: w.unitCode,
        // The audit log's sentence names the unit as it was called then.
        unitName: unit?.name ?? null,
        figure: w.figure,
        dueDate: dueDate.toISOString().slice(0, 10),
        reopened: Boolean(found),
      },
    });
  }
  for (const task of existing) {
    if (wantedKeys.has(task.key) || task.status === "WITHDRAWN") continue;
    const reason = input.correctionNote ?? `第${input.edition}版`;
    await tx.rectificationTask.update({
      where: { id: task.id },
      data: { status: "WITHDRAWN", withdrawnReason: reason, withdrawnAt: now, version: { increment: 1 } },
    });
    changes.withdrawn++;
    await recordAuditEvent(tx, {
      actorId: input.actorId,
      action: "rectification.withdraw",
      month: input.month,
      targetType: "RectificationTask",
      targetId: String(task.id),
      details: { key: task.key, edition: input.edition, reason, previousStatus: task.status },
    });
  }
  return changes;
}
