import "server-only";
import { prisma } from "@/lib/db";
import { diffFigures } from "@/lib/month-versions/diff-versions";
import { loadMonthReconciliation, monthHasBothSources } from "@/lib/month-versions/reconciliation/read-reconciliation";
import { loadVersionData } from "@/lib/month-versions/version-data";

// The admin's month pages read through here: the pages never hold the database client.

/** Every month with its current version and how many versions it has, newest first. */
export function listMonthsWithVersions() {
  return prisma.reportMonth.findMany({
    orderBy: { month: "desc" },
    include: {
      currentVersion: { select: { number: true, origin: true, createdAt: true } },
      _count: { select: { versions: true } },
    },
  });
}

/**
 * A month's versions (newest first, with who made each and from which files), whether it has both
 * case records and an annex to reconcile, and the differences between versions `a` and `b` when
 * both are given. Null: the month has never been published.
 */
export async function loadMonthHistory(month: string, compare: { a: number; b: number }) {
  const reportMonth = await prisma.reportMonth.findUnique({ where: { month } });
  if (!reportMonth) return null;
  const versions = await prisma.monthVersion.findMany({
    where: { month },
    orderBy: { number: "desc" },
    include: {
      createdBy: { select: { displayName: true, username: true } },
      upload: {
        select: {
          id: true,
          fileName: true,
          sha256: true,
          uploadedBy: { select: { displayName: true } },
          files: { select: { position: true, fileName: true, sha256: true }, orderBy: { position: "asc" } },
        },
      },
    },
  });
  const reconcilable = await monthHasBothSources(prisma, month);
  const byNumber = new Map(versions.map((v) => [v.number, v]));
  const a = byNumber.get(compare.a);
  const b = byNumber.get(compare.b);
  const diff = a && b ? diffFigures(await loadVersionData(prisma, a.id), await loadVersionData(prisma, b.id)) : null;
  return { reportMonth, versions, reconcilable, a, b, diff };
}

/** The reconciliation page's read (a case-records version against an annex version of the month). */
export function reconcileMonth(month: string, choice: { cases: number | null; annex: number | null }) {
  return loadMonthReconciliation(prisma, month, choice);
}

/** Whether the month holds demo data (示例数据), which its admin pages badge like its reader pages. */
export async function monthIsDemo(month: string): Promise<boolean> {
  const row = await prisma.reportMonth.findUnique({ where: { month }, select: { isDemo: true } });
  return row?.isDemo ?? false;
}
