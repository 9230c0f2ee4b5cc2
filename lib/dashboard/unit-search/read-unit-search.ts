import "server-only";
import { cachedReportRead } from "@/lib/cache/cached-report-read";
import { searchEntryOf, type UnitSearchEntry } from "@/lib/dashboard/unit-search/unit-search";
import { prisma } from "@/lib/db";

/** Every active unit with its aliases and pinyin, in the report's order (cached; filtered per viewer by the caller). */
export const getUnitSearchEntries = cachedReportRead(async (): Promise<UnitSearchEntry[]> => {
  const units = await prisma.unit.findMany({
    where: { active: true },
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    select: { code: true, name: true, kind: true, aliases: { select: { alias: true } } },
  });
  return units.map((u) =>
    searchEntryOf({ code: u.code, name: u.name, kind: u.kind, aliases: u.aliases.map((a) => a.alias) }),
  );
}, ["unit-search-entries"]);
