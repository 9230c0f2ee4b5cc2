// Rolling back: an earlier version's figures become current again as a NEW version (origin
// ROLLBACK, copiedFromId), so history only ever grows. One transaction, audited.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createMonthVersion, type StatInput, type SummaryInput } from "@/lib/versions/create-month-version";

export type RollbackResult = { ok: true; versionId: number; number: number } | { ok: false; message: string };

export async function rollbackMonth(db: PrismaClient, input: { month: string; versionId: number; actorId: number | null }): Promise<RollbackResult> {
  const source = await db.monthVersion.findUnique({ where: { id: input.versionId }, include: { stats: true, summaries: true, reportMonth: true } });
  if (!source || source.month !== input.month) return { ok: false, message: "找不到该版本。" };
  if (source.reportMonth.currentVersionId === source.id) return { ok: false, message: "该版本已是当前版本。" };
  const stats: StatInput[] = source.stats.map((s) => {
    const stat = { unitId: s.unitId, seq: s.seq, completedInclBatch: s.completedInclBatch, activeEvaluationRateReported: s.activeEvaluationRateReported } as StatInput;
    for (const f of ANNEX_FIELDS) stat[f] = s[f];
    return stat;
  });
  const summaries: SummaryInput[] = source.summaries.map(({ id: _id, versionId: _v, month: _m, ...rest }) => {
    const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null));
    return clean as SummaryInput;
  });
  const result = await db.$transaction(
    async (tx) => {
      const before = await tx.reportMonth.findUniqueOrThrow({ where: { month: input.month }, select: { currentVersion: { select: { number: true, uploadId: true } } } });
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
      if (before.currentVersion?.uploadId) await tx.upload.update({ where: { id: before.currentVersion.uploadId }, data: { status: "SUPERSEDED" } });
      await recordAuditEvent(tx, {
        actorId: input.actorId,
        action: "month.rollback",
        month: input.month,
        targetType: "MonthVersion",
        targetId: String(version.versionId),
        details: { copiedFrom: source.number, copiedFromId: source.id, version: version.number, previousVersion: before.currentVersion?.number ?? null },
      });
      return version;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return { ok: true, versionId: result.versionId, number: result.number };
}
