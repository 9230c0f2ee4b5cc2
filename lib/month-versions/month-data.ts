import "server-only";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { pageRead } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ANNEX_FIELDS, type ReportedSummary, type StatRow, type SummaryScope } from "@/lib/indicators/types";

export type MonthData = {
  month: string;
  isDemo: boolean;
  versionNumber: number;
  /** All annex rows of the month's current version, in the report's order (departments, then districts). */
  rows: StatRow[];
  summaries: Partial<Record<SummaryScope, ReportedSummary>>;
};

type DbStat = Awaited<ReturnType<typeof loadStats>>[number];

function loadStats(db: PrismaClient, versionIds: number[]) {
  return db.monthlyStat.findMany({
    where: { versionId: { in: versionIds } },
    include: { unit: { select: { code: true, name: true, kind: true, sortOrder: true } } },
    orderBy: [{ seq: "asc" }],
  });
}

function toStatRow(stat: DbStat): StatRow {
  const row = {
    unitCode: stat.unit.code,
    unitName: stat.unit.name,
    kind: stat.unit.kind,
    seq: stat.seq,
    completedInclBatch: stat.completedInclBatch,
    activeEvaluationRateReported: stat.activeEvaluationRateReported,
  } as StatRow;
  for (const field of ANNEX_FIELDS) row[field] = stat[field];
  return row;
}

const KIND_ORDER = { DEPARTMENT: 0, DISTRICT: 1 } as const;
const byReportOrder = (a: StatRow, b: StatRow) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.seq - b.seq;

/**
 * The current version of several months at once (one query each for months,
 * rows and summaries, whatever the number of months: no N+1).
 */
export async function loadMonths(db: PrismaClient, months: string[]): Promise<MonthData[]> {
  const reportMonths = await db.reportMonth.findMany({
    where: { month: { in: months }, currentVersionId: { not: null } },
    select: { month: true, isDemo: true, currentVersionId: true, currentVersion: { select: { number: true } } },
  });
  const versionIds = reportMonths.map((m) => m.currentVersionId!);
  const [stats, summaries] = await Promise.all([
    loadStats(db, versionIds),
    db.monthlySummary.findMany({ where: { versionId: { in: versionIds } }, omit: { id: true, month: true } }),
  ]);
  return reportMonths
    .map((m) => ({
      month: m.month,
      isDemo: m.isDemo,
      versionNumber: m.currentVersion?.number ?? 0,
      rows: stats
        .filter((s) => s.versionId === m.currentVersionId)
        .map(toStatRow)
        .sort(byReportOrder),
      summaries: Object.fromEntries(
        summaries
          .filter((s) => s.versionId === m.currentVersionId)
          .map(({ versionId: _versionId, ...s }) => [s.scope, s satisfies ReportedSummary]),
      ),
    }))
    .sort((a, b) => a.month.localeCompare(b.month));
}

export const getMonthData = cachedReportRead(
  async (month: string): Promise<MonthData | null> => (await pageRead((db) => loadMonths(db, [month])))[0] ?? null,
  ["month-data"],
);

export const getMonthsData = cachedReportRead(
  (months: string[]) => pageRead((db) => loadMonths(db, months)),
  ["months-data"],
);
