// Rolling back: an earlier version's figures become current again as a NEW version (origin
// ROLLBACK, copiedFromId), so history only ever grows. One transaction, audited. Like publish,
// it locks the month's row before reading the current version (lockMonth): the audit names the
// version really replaced, and a rollback asked for on a page that showed another current
// version than the one current now is refused.

import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fill, getMessages } from "@/lib/i18n/messages";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import {
  createMonthVersion,
  lockMonth,
  type StatInput,
  type SummaryInput,
} from "@/lib/month-versions/create-month-version";

export type RollbackResult = { ok: true; versionId: number; number: number } | { ok: false; message: string };

export type RollbackInput = {
  month: string;
  versionId: number;
  actorId: number | null;
  /** The version current when the admin asked (the history page shows it); absent: not checked. */
  expectedCurrentVersionId?: number | null;
};

export async function rollbackMonth(db: PrismaClient, input: RollbackInput): Promise<RollbackResult> {
  const t = getMessages().publishing;
  const source = await db.monthVersion.findUnique({
    where: { id: input.versionId },
    include: { stats: true, summaries: true, reportMonth: true },
  });
  if (!source || source.month !== input.month) return { ok: false, message: t.versionNotFound };
  if (source.reportMonth.currentVersionId === source.id) return { ok: false, message: t.alreadyCurrent };
  const stats: StatInput[] = source.stats.map((s) => {
    const stat = {
      unitId: s.unitId,
      seq: s.seq,
      completedInclBatch: s.completedInclBatch,
      activeEvaluationRateReported: s.activeEvaluationRateReported,
    } as StatInput;
    for (const f of ANNEX_FIELDS) stat[f] = s[f];
    return stat;
  });
  const summaries: SummaryInput[] = source.summaries.map(({ id: _id, versionId: _v, month: _m, ...rest }) => {
    const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
    return clean as SummaryInput;
  });
  const result = await db.$transaction(
    async (tx): Promise<{ ok: false; message: string } | { versionId: number; number: number }> => {
      const before = await lockMonth(tx, input.month, source.reportMonth.isDemo);
      if (before?.id === source.id) return { ok: false, message: t.alreadyCurrent };
      if (input.expectedCurrentVersionId !== undefined && (before?.id ?? null) !== input.expectedCurrentVersionId) {
        const expected =
          input.expectedCurrentVersionId === null
            ? null
            : await tx.monthVersion.findUnique({
                where: { id: input.expectedCurrentVersionId },
                select: { number: true },
              });
        return {
          ok: false,
          message: fill(t.staleRollback, {
            month: input.month,
            expected: expected?.number ?? "?",
            current: before?.number ?? "?",
          }),
        };
      }
      const version = await createMonthVersion(tx, {
        month: input.month,
        origin: "ROLLBACK",
        isDemo: source.reportMonth.isDemo,
        stats,
        summaries,
        createdById: input.actorId,
        copiedFromId: source.id,
        note: `回退到第 ${source.number} 版`,
      });
      if (before?.uploadId) await tx.upload.update({ where: { id: before.uploadId }, data: { status: "SUPERSEDED" } });
      await recordAuditEvent(tx, {
        actorId: input.actorId,
        action: "month.rollback",
        month: input.month,
        targetType: "MonthVersion",
        targetId: String(version.versionId),
        details: {
          copiedFrom: source.number,
          copiedFromId: source.id,
          version: version.number,
          previousVersion: before?.number ?? null,
        },
      });
      return { versionId: version.versionId, number: version.number };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if ("ok" in result) return result;
  return { ok: true, versionId: result.versionId, number: result.number };
}
