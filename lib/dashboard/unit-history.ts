import "server-only";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { pageRead } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type UnitInfo = {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  kind: "DEPARTMENT" | "DISTRICT";
  sortOrder: number;
};

const UNIT_SELECT = { id: true, code: true, name: true, nameEn: true, kind: true, sortOrder: true } as const;

/** One unit by its URL code (uncached; the query plan test runs it). */
export function loadUnit(db: PrismaClient, code: string): Promise<UnitInfo | null> {
  return db.unit.findUnique({ where: { code }, select: UNIT_SELECT });
}

/** The active units in the report's order (uncached). */
export function loadUnits(db: PrismaClient): Promise<UnitInfo[]> {
  return db.unit.findMany({
    where: { active: true },
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    select: UNIT_SELECT,
  });
}

/**
 * Every unit code that has a page (active or not, as loadUnit finds them): what the gate checks a
 * unit URL against before anything is rendered (lib/access/page-existence.ts). One small read.
 */
export async function loadUnitCodes(db: PrismaClient): Promise<string[]> {
  const rows = await db.unit.findMany({ select: { code: true } });
  return rows.map((r) => r.code);
}

export const getUnit = cachedReportRead(
  async (code: string): Promise<UnitInfo | null> => pageRead((db) => loadUnit(db, code)),
  ["unit"],
);

export const getUnits = cachedReportRead(async (): Promise<UnitInfo[]> => pageRead(loadUnits), ["units"]);
