import "server-only";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { pageRead } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type PublishedMonth = { month: string; isDemo: boolean; versionNumber: number };

/** Months with a current version, oldest first (uncached; the query plan test runs it). */
export async function loadPublishedMonths(db: PrismaClient): Promise<PublishedMonth[]> {
  const months = await db.reportMonth.findMany({
    where: { currentVersionId: { not: null } },
    orderBy: { month: "asc" },
    select: { month: true, isDemo: true, currentVersion: { select: { number: true } } },
  });
  return months.map((m) => ({ month: m.month, isDemo: m.isDemo, versionNumber: m.currentVersion?.number ?? 0 }));
}

/** Months with a current version, oldest first. */
export const getPublishedMonths = cachedReportRead(
  async (): Promise<PublishedMonth[]> => pageRead(loadPublishedMonths),
  ["published-months"],
);

/** The newest published month: the dashboard's default. */
export async function getLatestMonth(): Promise<string | null> {
  const months = await getPublishedMonths();
  return months.at(-1)?.month ?? null;
}
