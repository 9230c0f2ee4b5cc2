import "server-only";
import { type Bulletin, type BulletinTexts, buildBulletin } from "@/lib/bulletin/build";
import { BULLETIN_OVERDUE_CASES } from "@/lib/bulletin/build/bulletin";
import { draftDifferences } from "@/lib/bulletin/issue/draft-differences";
import { loadDraftBeside } from "@/lib/bulletin/issue/draft-inputs";
import { getIssuedBulletin, listIssues } from "@/lib/bulletin/issue/read-issues";
import { defaultBulletinTexts, readStoredBulletinTexts } from "@/lib/bulletin/texts/bulletin-texts";
import { getProblemSettings } from "@/lib/bulletin/thresholds/read-problem-settings";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { isMonth, previousMonth } from "@/lib/calendar/month";
import { getCurrentCaseImport, getOverdueCases } from "@/lib/case-records/server";
import { pageRead, prisma } from "@/lib/db";
import { getMonthsData } from "@/lib/month-versions/server";
import { readMonthSummary } from "@/lib/rectification";

/**
 * The texts the month's bulletin prints: its newest saved version, else the month's defaults
 * (the reference report's own for 2021-06). Cached under the report-data tag, which saving a
 * version refreshes.
 */
export const getBulletinTexts = cachedReportRead(
  async (month: string): Promise<{ texts: BulletinTexts; version: number | null }> => {
    const newest = await pageRead((db) =>
      db.bulletinText.findFirst({ where: { month }, orderBy: { version: "desc" } }),
    );
    if (!newest) return { texts: defaultBulletinTexts(month), version: null };
    return { texts: readStoredBulletinTexts(newest.content).texts, version: newest.version };
  },
  ["bulletin-texts"],
);

/** Every saved version of a month's texts, newest first (admin page; uncached). */
export async function listBulletinTextVersions(month: string) {
  const versions = await prisma.bulletinText.findMany({ where: { month }, orderBy: { version: "desc" } });
  const authorIds = [...new Set(versions.map((v) => v.createdById).filter((id): id is number => id !== null))];
  const authors = new Map(
    (await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, username: true } })).map(
      (u) => [u.id, u.username],
    ),
  );
  return versions.map((v) => ({
    version: v.version,
    createdAt: v.createdAt,
    createdBy: v.createdById === null ? null : (authors.get(v.createdById) ?? null),
    texts: readStoredBulletinTexts(v.content).texts,
  }));
}

/**
 * The month's bulletin as every view and download shows it: the month and the one before
 * (cached reads), the problem thresholds in effect and the newest texts. Null when the month
 * has no published data.
 */
export async function getBulletin(month: string): Promise<Bulletin | null> {
  if (!isMonth(month)) return null;
  const before = previousMonth(month);
  const [months, settings, { texts }, caseImport, rectification] = await Promise.all([
    getMonthsData([before, month]),
    getProblemSettings(),
    getBulletinTexts(month),
    getCurrentCaseImport(month),
    // 上月通报问题整改情况: read live (answers and reviews expire the report pages, lib/rectification/actions).
    pageRead((db) => readMonthSummary(db, before)),
  ]);
  const current = months.find((m) => m.month === month);
  if (!current) return null;
  const overdueCases = caseImport
    ? (await getOverdueCases(caseImport.importId, caseImport.month, BULLETIN_OVERDUE_CASES)).cases
    : undefined;
  return buildBulletin({
    current,
    previous: months.find((m) => m.month === before) ?? null,
    settings,
    texts,
    overdueCases,
    rectification,
  });
}

/** The month's issued edition (the newest, or `edition`), cached under the report-data tag that issuing refreshes. */
export const getIssuedBulletinCached = cachedReportRead(
  async (month: string, edition: number | null = null) => {
    const issued = await getIssuedBulletin(prisma, month, edition);
    return issued ? { ...issued, issuedAt: issued.issuedAt.toISOString() } : null;
  },
  ["bulletin-issued"],
);

/** Every edition of a month, newest first (cached likewise). */
export const listIssuesCached = cachedReportRead(
  async (month: string) => (await listIssues(prisma, month)).map((i) => ({ ...i, issuedAt: i.issuedAt.toISOString() })),
  ["bulletin-issues"],
);

/** The draft beside the newest issued edition and what differs, or null when the month is not issued. */
export async function getDraftAgainstIssue(month: string) {
  const issued = await getIssuedBulletin(prisma, month);
  if (!issued) return null;
  const draft = await loadDraftBeside(prisma, month, issued.texts as BulletinTexts);
  if (!draft) return null;
  const differences = draftDifferences(issued, {
    document: draft.document,
    versionNumber: draft.inputs.versionNumber,
    settings: draft.inputs.settings,
    texts: draft.texts,
  });
  return { issued, draft: draft.document, differences };
}

/** The newest saved version of the bulletin texts, per month (the admin's list of bulletins). */
export async function newestTextVersions(): Promise<Map<string, number | null>> {
  const counts = await prisma.bulletinText.groupBy({ by: ["month"], _max: { version: true } });
  return new Map(counts.map((c) => [c.month, c._max.version]));
}
