// The month to date (本月截至 X 日): the open month's figures from the daily feed's current state,
// computed by the month import's own steps (lib/case-records stageCaseImportFromTables: the
// import's tables, the rollups, then publishCaseImport's version with lib/indicators' formulas),
// so that closing the month gives the figures a month import of the same records gives.
//
// The version it publishes is provisional while it is the month's current one
// (ProvisionalMonth.versionId): pages mark it 本月截至 X 日（临时数据）, a bulletin refuses to be
// issued from it. Closing the month (the admin's action) publishes the same computation as
// the month's version; a month import publishes its own. Either ends the provisional state,
// and later batches of a closed month no longer touch its figures (they still update DailyCase).
import pg from "pg";
import { recordAuditEvent } from "@/lib/audit";
import { publishCaseImport, type RecordSelects, stageCaseImportFromTables } from "@/lib/case-records";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The daily feed's records of a month ($1, YYYY-MM), in the columns stageCaseImportFromTables takes. */
export const DAILY_SELECTS: RecordSelects = {
  cases: `SELECT "caseNo", "unitId", "itemCode", "caseKind", "legalDays", "promisedDays", "channel", "isBatch",
            "appliedAt", "acceptedAt", "completedAt", "elapsedDays"
          FROM "DailyCase" WHERE "month" = to_date($1, 'YYYY-MM')`,
  evaluations: `SELECT "evaluationNo", "caseNo", "unitId", "evaluatedAt", "level", "kind"
                FROM "DailyEvaluation" WHERE "month" = to_date($1, 'YYYY-MM')`,
  items: `SELECT "unitId", "itemCode", "itemName", "caseKind", "legalDays", "promisedDays", "inUse", "inCatalogue"
          FROM "DailyItem" WHERE "month" = $1`,
};

export class MonthClosedError extends Error {}

/** Runs `work` holding the month's daily-feed lock: refreshes and closings of a month queue. */
async function withMonthLock<T>(databaseUrl: string, month: string, work: () => Promise<T>): Promise<T> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext('daily-month:' || $1::text))`, [month]);
    return await work();
  } finally {
    await lock.end(); // ends the session, and with it the lock
  }
}

/** Is the month open to the daily feed: no version yet, or its current version is the month to date? */
async function monthIsOpen(db: PrismaClient | Prisma.TransactionClient, month: string, except?: number) {
  const rows = await db.$queryRawUnsafe<Array<{ id: number; provisional: boolean }>>(
    `SELECT v."id", EXISTS (SELECT 1 FROM "ProvisionalMonth" p WHERE p."versionId" = v."id") AS "provisional"
     FROM "MonthVersion" v WHERE v."month" = $1 AND v."id" <> $2 ORDER BY v."number" DESC LIMIT 1`,
    month,
    except ?? 0,
  );
  return rows.length === 0 || rows[0]!.provisional;
}

/**
 * Publishes the month to date from the daily feed, as of `asOf`, unless the month is closed
 * (a non-provisional version is current): then null, and nothing is published.
 */
export async function refreshMonthToDate(
  prisma: PrismaClient,
  options: { databaseUrl: string; month: string; asOf: string; createdById?: number | null },
): Promise<{ versionNumber: number } | null> {
  const { databaseUrl, month, asOf } = options;
  return withMonthLock(databaseUrl, month, async () => {
    if (!(await monthIsOpen(prisma, month))) return null;
    const held = await prisma.provisionalMonth.findUnique({ where: { month } });
    // An older day's batch arriving late does not move 截至 back.
    const through = held && held.asOf.toISOString().slice(0, 10) > asOf ? held.asOf.toISOString().slice(0, 10) : asOf;
    const staged = await stageCaseImportFromTables({
      databaseUrl,
      month,
      label: `每日数据（截至 ${through}）`,
      selects: DAILY_SELECTS,
      createdById: options.createdById ?? null,
    });
    try {
      const version = await publishCaseImport(prisma, staged.importId, {
        createdById: options.createdById ?? null,
        note: `本月截至 ${Number(through.slice(8, 10))} 日（临时数据，每日数据 ${staged.cases} 件）`,
        inTransaction: async (tx, v) => {
          if (!(await monthIsOpen(tx, month, v.versionId))) throw new MonthClosedError(month);
          await tx.provisionalMonth.upsert({
            where: { month },
            create: { month, versionId: v.versionId, asOf: new Date(`${through}T00:00:00Z`) },
            update: { versionId: v.versionId, asOf: new Date(`${through}T00:00:00Z`), updatedAt: new Date() },
          });
        },
      });
      return { versionNumber: version.number };
    } catch (error) {
      if (error instanceof MonthClosedError) return null;
      throw error;
    }
  });
}

/**
 * Closes the month: its daily-feed records become the month's version (no longer provisional),
 * audited. Refused (MonthClosedError) when the month is not open to the feed.
 */
export async function closeMonth(
  prisma: PrismaClient,
  options: { databaseUrl: string; month: string; actorId: number | null },
): Promise<{ versionNumber: number; cases: number }> {
  const { databaseUrl, month, actorId } = options;
  return withMonthLock(databaseUrl, month, async () => {
    if (!(await monthIsOpen(prisma, month))) throw new MonthClosedError(month);
    const staged = await stageCaseImportFromTables({
      databaseUrl,
      month,
      label: "每日数据（月末关账）",
      selects: DAILY_SELECTS,
      createdById: actorId,
    });
    const version = await publishCaseImport(prisma, staged.importId, {
      createdById: actorId,
      note: `月末关账：每日数据 ${staged.cases} 件`,
      inTransaction: async (tx, v) => {
        if (!(await monthIsOpen(tx, month, v.versionId))) throw new MonthClosedError(month);
        await tx.provisionalMonth.deleteMany({ where: { month } });
        await recordAuditEvent(tx, {
          actorId,
          action: "daily.closeMonth",
          month,
          targetType: "MonthVersion",
          targetId: String(v.versionId),
          details: { number: v.number, cases: staged.cases, evaluations: staged.evaluations, items: staged.items },
        });
      },
    });
    return { versionNumber: version.number, cases: staged.cases };
  });
}

export type ProvisionalState = { month: string; asOf: string };

/** The months whose current version is the month to date, with their 截至 day. */
export async function readProvisionalMonths(prisma: PrismaClient): Promise<ProvisionalState[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ month: string; asOf: string }>>(
    `SELECT p."month", to_char(p."asOf", 'YYYY-MM-DD') AS "asOf" FROM "ProvisionalMonth" p
     JOIN "ReportMonth" r ON r."month" = p."month" AND r."currentVersionId" = p."versionId"`,
  );
  return rows;
}

/** The month's provisional state, or null when its current version is not the month to date. */
export async function readProvisionalMonth(
  db: PrismaClient | Prisma.TransactionClient,
  month: string,
): Promise<ProvisionalState | null> {
  const rows = await db.$queryRawUnsafe<Array<{ month: string; asOf: string }>>(
    `SELECT p."month", to_char(p."asOf", 'YYYY-MM-DD') AS "asOf" FROM "ProvisionalMonth" p
     JOIN "ReportMonth" r ON r."month" = p."month" AND r."currentVersionId" = p."versionId" WHERE p."month" = $1`,
    month,
  );
  return rows[0] ?? null;
}
