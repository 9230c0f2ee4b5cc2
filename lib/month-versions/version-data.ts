// One version's figures, as rows keyed by unit (for diffs, rollbacks and read-backs).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ANNEX_FIELDS, type StatRow, type SummaryScope } from "@/lib/indicators/types";
import type { SummaryInput } from "@/lib/month-versions/create-month-version";

export type VersionData = {
  versionId: number;
  month: string;
  number: number;
  rows: StatRow[];
  summaries: SummaryInput[];
};

const KIND_ORDER = { DEPARTMENT: 0, DISTRICT: 1 } as const;

export async function loadVersionData(db: PrismaClient, versionId: number): Promise<VersionData> {
  const version = await db.monthVersion.findUniqueOrThrow({ where: { id: versionId } });
  const [stats, summaries] = await Promise.all([
    db.monthlyStat.findMany({
      where: { versionId },
      include: { unit: { select: { code: true, name: true, kind: true } } },
    }),
    db.monthlySummary.findMany({ where: { versionId }, omit: { id: true, month: true, versionId: true } }),
  ]);
  const rows = stats
    .map((s) => {
      const row = {
        unitCode: s.unit.code,
        unitName: s.unit.name,
        kind: s.unit.kind,
        seq: s.seq,
        completedInclBatch: s.completedInclBatch,
        activeEvaluationRateReported: s.activeEvaluationRateReported,
      } as StatRow;
      for (const f of ANNEX_FIELDS) row[f] = s[f];
      return row;
    })
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.seq - b.seq);
  const order: SummaryScope[] = ["CITY", "MUNICIPAL", "DISTRICTS"];
  const cleaned = summaries
    .map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== null)) as SummaryInput)
    .sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope));
  return { versionId, month: version.month, number: version.number, rows, summaries: cleaned };
}
