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

export async function createMonthVersion(
  tx: Prisma.TransactionClient,
  input: CreateMonthVersionInput,
): Promise<{ versionId: number; number: number }> {
  await tx.reportMonth.upsert({
    where: { month: input.month },
    create: { month: input.month, isDemo: input.isDemo },
    update: {},
  });
  // Serialise concurrent publishers of the same month on its row.
  await tx.$queryRaw`SELECT 1 FROM "ReportMonth" WHERE "month" = ${input.month} FOR UPDATE`;
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
  return { versionId: version.id, number };
}
