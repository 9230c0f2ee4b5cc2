// The one write path for a month's figures: the seed, uploads and rollbacks
// all create a new immutable version and make it current, inside the caller's
// transaction, so a month is never half-written and never overwritten.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnnexField, ReportedSummary, SummaryScope } from "@/lib/indicators/types";

export type VersionOrigin = "REFERENCE" | "DEMO" | "UPLOAD" | "ROLLBACK" | "CASES";

export type StatInput = Record<AnnexField, number> & {
  unitId: number;
  seq: number;
  completedInclBatch?: number | null;
  activeEvaluationRateReported?: number | null;
};

export type SummaryInput = Partial<Omit<ReportedSummary, "scope">> & { scope: SummaryScope };

export type CreateMonthVersionInput = {
  month: string;
  origin: VersionOrigin;
  isDemo: boolean;
  stats: StatInput[];
  summaries: SummaryInput[];
  note?: string | null;
  createdById?: number | null;
  uploadId?: number | null;
  copiedFromId?: number | null;
};

/** The version a month shows, as read under the month's lock. */
export type CurrentVersion = { id: number; number: number; uploadId: number | null };

/**
 * Locks the month's row for the rest of the caller's transaction (creating the month first when
 * it is new), THEN reads its current version. Every writer of a month (publish, rollback, seed)
 * calls this first: concurrent writers queue on the row, and each one's checks ("is my preview
 * still based on the current version?", "previousVersion" in the audit) see the version the one
 * before it made current, never a value read before the wait. Locking again in the same
 * transaction is a no-op.
 */
export async function lockMonth(
  tx: Prisma.TransactionClient,
  month: string,
  isDemo: boolean,
): Promise<CurrentVersion | null> {
  // ON CONFLICT DO NOTHING: a second creator of a new month waits for the first, then finds the row.
  await tx.$executeRaw`INSERT INTO "ReportMonth" ("month", "isDemo", "updatedAt") VALUES (${month}, ${isDemo}, now()) ON CONFLICT ("month") DO NOTHING`;
  const locked = await tx.$queryRaw<
    Array<{ currentVersionId: number | null }>
  >`SELECT "currentVersionId" FROM "ReportMonth" WHERE "month" = ${month} FOR UPDATE`;
  const currentId = locked[0]?.currentVersionId ?? null;
  if (currentId === null) return null;
  return tx.monthVersion.findUniqueOrThrow({
    where: { id: currentId },
    select: { id: true, number: true, uploadId: true },
  });
}

export async function createMonthVersion(
  tx: Prisma.TransactionClient,
  input: CreateMonthVersionInput,
): Promise<{ versionId: number; number: number; previous: CurrentVersion | null }> {
  const previous = await lockMonth(tx, input.month, input.isDemo);
  const last = await tx.monthVersion.aggregate({ where: { month: input.month }, _max: { number: true } });
  const number = (last._max.number ?? 0) + 1;

  const version = await tx.monthVersion.create({
    data: {
      month: input.month,
      number,
      origin: input.origin,
      note: input.note ?? null,
      createdById: input.createdById ?? null,
      uploadId: input.uploadId ?? null,
      copiedFromId: input.copiedFromId ?? null,
    },
  });
  await tx.monthlyStat.createMany({
    data: input.stats.map((stat) => ({
      ...stat,
      completedInclBatch: stat.completedInclBatch ?? null,
      activeEvaluationRateReported: stat.activeEvaluationRateReported ?? null,
      versionId: version.id,
      month: input.month,
    })),
  });
  await tx.monthlySummary.createMany({
    data: input.summaries.map((summary) => ({ ...summary, versionId: version.id, month: input.month })),
  });
  await tx.reportMonth.update({
    where: { month: input.month },
    data: { currentVersionId: version.id, isDemo: input.isDemo, publishedAt: new Date() },
  });
  return { versionId: version.id, number, previous };
}
