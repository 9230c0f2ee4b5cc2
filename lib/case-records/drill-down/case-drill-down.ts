import "server-only";
// Reads for the drill-down from case records (unit → its service items → an item's cases) and
// the month's overdue cases (办件超时). Every statement on "Case" / "Evaluation" names the
// partition key ("month" = the import's month, "importId") so that PostgreSQL reads one leaf
// partition, and goes through that leaf's index: ("importId", "unitId", "itemCode") for Case
// (docs/drill-down.md shows the plans). A unit's items read only rollups (CaseRollup,
// CaseItemEvaluationRollup) and the catalogue, by their keys.
//
// The loaders take a client (tests and the query-plan check call them); the get* wrappers are
// the pages' cached reads. An import's records never change once published, so a read keyed
// by importId cannot go stale; which import is current is tagged REPORT_DATA_TAG like every
// other report read, and publishing a month expires it.
import { unstable_cache } from "next/cache";
import { REPORT_DATA_TAG } from "@/lib/cache/cache-tags";
import {
  addRollups,
  annexRowFromSums,
  CASE_SUM_FIELDS,
  type CaseRollup,
  emptyScopeSums,
  limitDays,
} from "@/lib/case-records/import/definitions";
import { UNMATCHED_ITEM_CODE } from "@/lib/case-records/import/rollups";
import { pageRead } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Cases per page of an item's case list. */
export const CASES_PAGE_SIZE = 50;
/** Overdue cases named on the 办件超时 page. */
export const OVERDUE_CASES_SHOWN = 20;

const monthStart = (month: string) => `${month}-01`;

// ---------------------------------------------------------------------------------------------
// Item codes in URLs. The path rule (lib/access/permissions.ts) takes [0-9A-Za-z_-]{1,64}; 事项编码
// are usually alphanumeric, but the importer keeps any text. A code of that shape that does not
// start with "_" is its own segment; any other code is "_" + base64url of its UTF-8 bytes, so a
// segment starting with "_" is always an encoded one and no two codes share a segment. A code
// too long for that (more than 47 bytes) gets no page: the items table names it without a link.

const PLAIN_ITEM = /^[0-9A-Za-z-][0-9A-Za-z_-]{0,63}$/;
const SEGMENT = /^[0-9A-Za-z_-]{1,64}$/;

export function itemSegment(itemCode: string): string | null {
  if (PLAIN_ITEM.test(itemCode)) return itemCode;
  const encoded = `_${Buffer.from(itemCode, "utf8").toString("base64url")}`;
  return encoded.length <= 64 ? encoded : null;
}

/** The item code a URL segment stands for, or null when the segment is no item segment. */
export function itemCodeFromSegment(segment: string): string | null {
  if (!SEGMENT.test(segment)) return null;
  if (!segment.startsWith("_")) return segment;
  const code = Buffer.from(segment.slice(1), "base64url").toString("utf8");
  // Only the one canonical encoding is accepted (no padding variants, no invalid UTF-8).
  return code.length > 0 && itemSegment(code) === segment ? code : null;
}

// ---------------------------------------------------------------------------------------------

export type CaseImportRef = { importId: number; month: string };

/** The case import whose rollups the month's current version came from (a rollback: the version it copied), or null. */
export async function loadCurrentCaseImport(db: PrismaClient, month: string): Promise<CaseImportRef | null> {
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    SELECT ci."id" FROM "ReportMonth" rm
    JOIN "MonthVersion" mv ON mv."id" = rm."currentVersionId"
    JOIN "CaseImport" ci ON ci."versionId" = coalesce(mv."copiedFromId", mv."id")
    WHERE rm."month" = ${month}`;
  const id = rows[0]?.id;
  return id === undefined ? null : { importId: id, month };
}

export type ItemEvaluations = { evaluations: number; activeEvaluations: number; satisfiedEvaluations: number };

export type UnitItemRow = {
  itemCode: string;
  itemName: string;
  /** The item's URL segment (itemSegment), null when the code cannot have one. */
  segment: string | null;
  inCatalogue: boolean;
  inUse: boolean;
  /** The item has at least one case in the import. */
  hasCases: boolean;
  applied: number;
  accepted: number;
  completed: number;
  overdueCompleted: number;
  promisedCompleted: number;
  promiseSpeedupRate: number;
  handlingSpeedupRate: number;
  earlyCompletionRate: number;
  evaluations: number;
  activeEvaluations: number;
  /** Satisfied ÷ all evaluations of the month, in %; null with no evaluation. */
  satisfactionRate: number | null;
};

export type UnitItems = {
  items: UnitItemRow[];
  /** Evaluations of the unit whose case is not among the import's cases of the unit (a case of an earlier month): no item to put them on. */
  unmatchedEvaluations: ItemEvaluations;
};

const EMPTY_EVALUATIONS: ItemEvaluations = { evaluations: 0, activeEvaluations: 0, satisfiedEvaluations: 0 };

/**
 * The unit's evaluations of the month by the item of the case they evaluate (null: the unit's
 * evaluations whose case is not among the import's cases of the unit), from the rollup built at
 * import (CaseItemEvaluationRollup, lib/case-records/import/rollups.ts: an evaluation is the unit's by its own
 * 实施主体, its item is its case's when that case is among the import's cases of the same unit).
 * A primary-key range read: one row per item with an evaluation.
 */
export async function loadUnitItemEvaluations(
  db: PrismaClient,
  ref: CaseImportRef,
  unitId: number,
): Promise<Map<string | null, ItemEvaluations>> {
  const rows = await db.$queryRaw<Array<{ itemCode: string } & ItemEvaluations>>`
    SELECT "itemCode", "evaluations", "activeEvaluations", "satisfiedEvaluations"
    FROM "CaseItemEvaluationRollup" WHERE "importId" = ${ref.importId} AND "unitId" = ${unitId}`;
  return new Map(
    rows.map((r) => [
      r.itemCode === UNMATCHED_ITEM_CODE ? null : r.itemCode,
      {
        evaluations: r.evaluations,
        activeEvaluations: r.activeEvaluations,
        satisfiedEvaluations: r.satisfiedEvaluations,
      },
    ]),
  );
}

const satisfaction = (e: ItemEvaluations) =>
  e.evaluations > 0 ? Math.round((e.satisfiedEvaluations / e.evaluations) * 10_000) / 100 : null;

/** A unit's items: every catalogue item (with or without cases) and every code met in its cases; most overdue, then most completed first. */
export async function loadUnitItems(db: PrismaClient, ref: CaseImportRef, unitId: number): Promise<UnitItems> {
  const [rollups, items, evaluations] = await Promise.all([
    db.$queryRawUnsafe<CaseRollup[]>(
      `SELECT "unitId", "itemCode", "channel", ${CASE_SUM_FIELDS.map((f) => `"${f}"::float8 AS "${f}"`).join(", ")}
       FROM "CaseRollup" WHERE "importId" = $1 AND "unitId" = $2`,
      ref.importId,
      unitId,
    ),
    db.serviceItem.findMany({
      where: { importId: ref.importId, unitId },
      select: { itemCode: true, itemName: true, inCatalogue: true, inUse: true },
    }),
    loadUnitItemEvaluations(db, ref, unitId),
  ]);
  const byItem = new Map<string, CaseRollup[]>();
  for (const r of rollups) byItem.set(r.itemCode, [...(byItem.get(r.itemCode) ?? []), r]);
  const rows = items.map((item): UnitItemRow => {
    const own = byItem.get(item.itemCode) ?? [];
    const annex = annexRowFromSums(addRollups(emptyScopeSums(), own));
    const e = evaluations.get(item.itemCode) ?? EMPTY_EVALUATIONS;
    return {
      itemCode: item.itemCode,
      itemName: item.itemName,
      segment: itemSegment(item.itemCode),
      inCatalogue: item.inCatalogue,
      inUse: item.inUse,
      // A rollup row exists for every (item, channel) with a case, whatever its times.
      hasCases: own.length > 0,
      applied: annex.applied,
      accepted: annex.accepted,
      completed: annex.completed,
      overdueCompleted: annex.overdueCompleted,
      promisedCompleted: annex.promisedCompleted,
      promiseSpeedupRate: annex.promiseSpeedupRate,
      handlingSpeedupRate: annex.handlingSpeedupRate,
      earlyCompletionRate: annex.earlyCompletionRate,
      evaluations: e.evaluations,
      activeEvaluations: e.activeEvaluations,
      satisfactionRate: satisfaction(e),
    };
  });
  rows.sort(
    (a, b) =>
      b.overdueCompleted - a.overdueCompleted || b.completed - a.completed || a.itemCode.localeCompare(b.itemCode),
  );
  return { items: rows, unmatchedEvaluations: evaluations.get(null) ?? EMPTY_EVALUATIONS };
}

export type ItemCaseRow = {
  caseNo: string;
  caseKind: "INSTANT" | "PROMISED";
  channel: "ONLINE" | "COUNTER";
  isBatch: boolean;
  appliedAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  legalDays: number | null;
  promisedDays: number | null;
  /** The limit a completion is measured against (definitions.ts limitDays). */
  limitDays: number;
  elapsedDays: number | null;
  /** Working days beyond the limit when the case counts as overdue (completed, not batch, elapsed > limit), else 0. */
  daysOver: number;
};

// The order of an item's case list and of the month's overdue list: days over the limit (0 when
// not overdue), most first, then the case number. The same expression as overdueCompleted's
// predicate in definitions.ts (completed, not batch, elapsedDays > coalesce(promisedDays, 0)).
const DAYS_OVER_SQL = `CASE WHEN "completedAt" IS NOT NULL AND NOT "isBatch" AND "elapsedDays" > coalesce("promisedDays", 0)
  THEN "elapsedDays" - coalesce("promisedDays", 0) ELSE 0 END`;

const CASE_COLUMNS = `"caseNo", "caseKind"::text AS "caseKind", "channel"::text AS "channel", "isBatch",
  to_char("appliedAt", 'YYYY-MM-DD HH24:MI:SS') AS "appliedAt",
  to_char("acceptedAt", 'YYYY-MM-DD HH24:MI:SS') AS "acceptedAt",
  to_char("completedAt", 'YYYY-MM-DD HH24:MI:SS') AS "completedAt",
  "legalDays", "promisedDays", "elapsedDays", (${DAYS_OVER_SQL})::int AS "daysOver"`;

type CaseRowFromDb = Omit<ItemCaseRow, "limitDays">;
const withLimit = (r: CaseRowFromDb): ItemCaseRow => ({ ...r, limitDays: limitDays(r) });

/** One page of an item's cases in the import, overdue first (most days over first), then by case number; with the item's case count. */
export async function loadItemCases(
  db: PrismaClient,
  input: { ref: CaseImportRef; unitId: number; itemCode: string; page: number; pageSize?: number },
): Promise<{ cases: ItemCaseRow[]; total: number }> {
  const pageSize = input.pageSize ?? CASES_PAGE_SIZE;
  const month = monthStart(input.ref.month);
  const [rows, count] = await Promise.all([
    db.$queryRawUnsafe<CaseRowFromDb[]>(
      `SELECT ${CASE_COLUMNS} FROM "Case"
       WHERE "month" = $1::date AND "importId" = $2 AND "unitId" = $3 AND "itemCode" = $4
       ORDER BY "daysOver" DESC, "caseNo" LIMIT $5 OFFSET $6`,
      month,
      input.ref.importId,
      input.unitId,
      input.itemCode,
      pageSize,
      (input.page - 1) * pageSize,
    ),
    db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS "n" FROM "Case"
      WHERE "month" = ${month}::date AND "importId" = ${input.ref.importId} AND "unitId" = ${input.unitId} AND "itemCode" = ${input.itemCode}`,
  ]);
  return { cases: rows.map(withLimit), total: count[0]?.n ?? 0 };
}

export type OverdueCaseRow = ItemCaseRow & {
  unitCode: string;
  unitName: string;
  itemCode: string;
  itemName: string;
  segment: string | null;
};

/**
 * The month's overdue cases, most days over first (the 办件超时 page and the bulletin). Reads the
 * whole month's leaf once (every overdue case of every unit), so it is only ever called through
 * its cached wrapper: once per import.
 */
export async function loadOverdueCases(
  db: PrismaClient,
  ref: CaseImportRef,
  limit: number,
): Promise<{ cases: OverdueCaseRow[]; total: number }> {
  const rows = await db.$queryRawUnsafe<
    Array<
      CaseRowFromDb & { unitCode: string; unitName: string; itemCode: string; itemName: string | null; total: number }
    >
  >(
    `WITH top AS (
       SELECT ${CASE_COLUMNS}, "unitId", "itemCode", (count(*) OVER ())::int AS "total" FROM "Case"
       WHERE "month" = $1::date AND "importId" = $2
         AND "completedAt" IS NOT NULL AND NOT "isBatch" AND "elapsedDays" > coalesce("promisedDays", 0)
       ORDER BY "daysOver" DESC, "caseNo" LIMIT $3
     )
     SELECT t.*, u."code" AS "unitCode", u."name" AS "unitName", s."itemName"
     FROM top t
     JOIN "Unit" u ON u."id" = t."unitId"
     LEFT JOIN "ServiceItem" s ON s."importId" = $2 AND s."unitId" = t."unitId" AND s."itemCode" = t."itemCode"
     ORDER BY t."daysOver" DESC, t."caseNo"`,
    monthStart(ref.month),
    ref.importId,
    limit,
  );
  return {
    total: rows[0]?.total ?? 0,
    cases: rows.map(({ total: _total, itemName, ...r }) => ({
      ...r,
      limitDays: limitDays(r),
      itemName: itemName ?? r.itemCode,
      segment: itemSegment(r.itemCode),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The pages' cached reads.

export const getCurrentCaseImport = unstable_cache(
  async (month: string): Promise<CaseImportRef | null> => pageRead((db) => loadCurrentCaseImport(db, month)),
  ["case-drill-down:current-import"],
  { tags: [REPORT_DATA_TAG] },
);

export const getUnitItems = unstable_cache(
  async (importId: number, month: string, unitId: number): Promise<UnitItems> =>
    pageRead((db) => loadUnitItems(db, { importId, month }, unitId)),
  ["case-drill-down:unit-items"],
  { tags: [REPORT_DATA_TAG] },
);

export const getOverdueCases = unstable_cache(
  async (importId: number, month: string, limit: number) =>
    pageRead((db) => loadOverdueCases(db, { importId, month }, limit)),
  ["case-drill-down:overdue"],
  { tags: [REPORT_DATA_TAG] },
);

/**
 * A page of an item's cases. Cached too: the first read of a page of the largest generated item
 * (45,659 cases) sorts the item's index range (about 30–60 ms, docs/drill-down.md); later
 * reads of it cost nothing, and an import's cases never change.
 */
export const getItemCasesPage = unstable_cache(
  async (importId: number, month: string, unitId: number, itemCode: string, page: number) =>
    pageRead((db) => loadItemCases(db, { ref: { importId, month }, unitId, itemCode, page })),
  ["case-drill-down:item-cases"],
  { tags: [REPORT_DATA_TAG] },
);

/** Every case of an item, for its CSV (uncached: a download is read once). */
export function readAllItemCases(ref: CaseImportRef, unitId: number, itemCode: string) {
  return pageRead((db) => loadItemCases(db, { ref, unitId, itemCode, page: 1, pageSize: 1_000_000 }));
}
