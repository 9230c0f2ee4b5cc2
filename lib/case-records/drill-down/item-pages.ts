// Which drill-down pages exist, read cheaply before anything is rendered: the gate
// (lib/access/page-existence.ts) asks these so that a URL naming no item of the unit, or a page
// past an item's last, is a 404 and never a rendered page in the cache (issue 19, item 1).
// Both read by index: ServiceItem's unique (importId, unitId, itemCode), Case's leaf partition
// index ("importId", "unitId", "itemCode").
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CASES_PAGE_SIZE, itemCodeFromSegment, itemSegment, loadCurrentCaseImport } from "./case-drill-down";

/**
 * The URL segments of a unit's items in the month's current case import (the items an item page
 * exists for: ItemCasesView finds its row among them), or null when the month has no case import.
 */
export async function loadUnitItemSegments(
  db: PrismaClient,
  month: string,
  unitCode: string,
): Promise<Set<string> | null> {
  const ref = await loadCurrentCaseImport(db, month);
  if (!ref) return null;
  const rows = await db.$queryRaw<Array<{ itemCode: string }>>`
    SELECT si."itemCode" FROM "ServiceItem" si JOIN "Unit" u ON u."id" = si."unitId"
    WHERE si."importId" = ${ref.importId} AND u."code" = ${unitCode}`;
  const segments = new Set<string>();
  for (const { itemCode } of rows) {
    const segment = itemSegment(itemCode);
    if (segment !== null) segments.add(segment);
  }
  return segments;
}

/** How many pages an item's case list has (at least 1, as ItemCasesView counts them); 0 for no item segment. */
export async function loadItemPageCount(
  db: PrismaClient,
  month: string,
  unitCode: string,
  segment: string,
): Promise<number> {
  const itemCode = itemCodeFromSegment(segment);
  const ref = itemCode === null ? null : await loadCurrentCaseImport(db, month);
  if (!ref) return 0;
  const rows = await db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS "n" FROM "Case"
    WHERE "month" = ${`${month}-01`}::date AND "importId" = ${ref.importId} AND "itemCode" = ${itemCode}
      AND "unitId" = (SELECT "id" FROM "Unit" WHERE "code" = ${unitCode})`;
  return Math.max(1, Math.ceil((rows[0]?.n ?? 0) / CASES_PAGE_SIZE));
}
