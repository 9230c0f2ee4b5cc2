// Reads for the drill-down (unit → its items → an item's cases): the case import behind a
// month's current version, a unit's items with their figures from the rollups, and an item's
// cases with the overdue ones first. Pages are still to come; the access rule they need (a
// department sees its own unit only) belongs to lib/auth/permissions.ts.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { annexRowFromSums, CASE_SUM_FIELDS, type CaseRollup, emptyScopeSums, addRollups, limitDays } from "./definitions";
import { monthStartDate } from "./partitions";

/** The case import whose rollups the month's current version came from (a rollback: the version it copied), or null. */
export async function currentCaseImportId(prisma: PrismaClient, month: string): Promise<number | null> {
  const rows = await prisma.$queryRaw<Array<{ id: number }>>`
    SELECT ci."id" FROM "ReportMonth" rm
    JOIN "MonthVersion" mv ON mv."id" = rm."currentVersionId"
    JOIN "CaseImport" ci ON ci."versionId" = coalesce(mv."copiedFromId", mv."id")
    WHERE rm."month" = ${month}`;
  return rows[0]?.id ?? null;
}

export type UnitItemRow = {
  itemCode: string;
  itemName: string;
  inCatalogue: boolean;
  inUse: boolean;
  applied: number;
  accepted: number;
  completed: number;
  overdueCompleted: number;
  promisedCompleted: number;
  handlingSpeedupRate: number;
  earlyCompletionRate: number;
};

/** A unit's items: every catalogue item (with or without cases) and every code met in its cases; most overdue, then most completed first. */
export async function unitItems(prisma: PrismaClient, importId: number, unitId: number): Promise<UnitItemRow[]> {
  const rollups = await prisma.$queryRawUnsafe<CaseRollup[]>(
    `SELECT "unitId", "itemCode", "channel", ${CASE_SUM_FIELDS.map((f) => `"${f}"::float8 AS "${f}"`).join(", ")}
     FROM "CaseRollup" WHERE "importId" = $1 AND "unitId" = $2`,
    importId,
    unitId,
  );
  const items = await prisma.serviceItem.findMany({ where: { importId, unitId } });
  const rows = items.map((item) => {
    const sums = addRollups(emptyScopeSums(), rollups.filter((r) => r.itemCode === item.itemCode));
    const annex = annexRowFromSums(sums);
    return {
      itemCode: item.itemCode,
      itemName: item.itemName,
      inCatalogue: item.inCatalogue,
      inUse: item.inUse,
      applied: annex.applied,
      accepted: annex.accepted,
      completed: annex.completed,
      overdueCompleted: annex.overdueCompleted,
      promisedCompleted: annex.promisedCompleted,
      handlingSpeedupRate: annex.handlingSpeedupRate,
      earlyCompletionRate: annex.earlyCompletionRate,
    };
  });
  return rows.sort((a, b) => b.overdueCompleted - a.overdueCompleted || b.completed - a.completed || a.itemCode.localeCompare(b.itemCode));
}

export type ItemCaseRow = {
  caseNo: string;
  caseKind: "INSTANT" | "PROMISED";
  channel: "ONLINE" | "COUNTER";
  isBatch: boolean;
  appliedAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  promisedDays: number | null;
  elapsedDays: number | null;
  /** elapsedDays − limit when overdue (limit as in definitions.ts limitDays), else 0. */
  daysOver: number;
};

/** An item's cases in the import, overdue first (most days over first), then by case number. */
export async function itemCases(
  prisma: PrismaClient,
  input: { importId: number; month: string; unitId: number; itemCode: string; limit?: number; offset?: number },
): Promise<ItemCaseRow[]> {
  const rows = await prisma.$queryRaw<Array<Omit<ItemCaseRow, "daysOver">>>`
    SELECT "caseNo", "caseKind"::text AS "caseKind", "channel"::text AS "channel", "isBatch",
           to_char("appliedAt", 'YYYY-MM-DD HH24:MI:SS') AS "appliedAt",
           to_char("acceptedAt", 'YYYY-MM-DD HH24:MI:SS') AS "acceptedAt",
           to_char("completedAt", 'YYYY-MM-DD HH24:MI:SS') AS "completedAt",
           "promisedDays", "elapsedDays"
    FROM "Case"
    WHERE "month" = ${monthStartDate(input.month)}::date AND "importId" = ${input.importId}
      AND "unitId" = ${input.unitId} AND "itemCode" = ${input.itemCode}
    ORDER BY greatest(coalesce("elapsedDays", 0) - coalesce("promisedDays", 0), 0) DESC, "caseNo"
    LIMIT ${input.limit ?? 200} OFFSET ${input.offset ?? 0}`;
  return rows.map((r) => ({ ...r, daysOver: r.completedAt && r.elapsedDays !== null ? Math.max(0, r.elapsedDays - limitDays(r)) : 0 }));
}
