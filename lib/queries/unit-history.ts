import "server-only";
import { unstable_cache } from "next/cache";
import { prisma } from "@/lib/db";
import { REPORT_DATA_TAG } from "@/lib/queries/cache-tags";

export type UnitInfo = { id: number; code: string; name: string; nameEn: string | null; kind: "DEPARTMENT" | "DISTRICT"; sortOrder: number };

export const getUnit = unstable_cache(
  async (code: string): Promise<UnitInfo | null> =>
    prisma.unit.findUnique({
      where: { code },
      select: { id: true, code: true, name: true, nameEn: true, kind: true, sortOrder: true },
    }),
  ["unit"],
  { tags: [REPORT_DATA_TAG] },
);

export const getUnits = unstable_cache(
  async (): Promise<UnitInfo[]> =>
    prisma.unit.findMany({
      where: { active: true },
      orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
      select: { id: true, code: true, name: true, nameEn: true, kind: true, sortOrder: true },
    }),
  ["units"],
  { tags: [REPORT_DATA_TAG] },
);
