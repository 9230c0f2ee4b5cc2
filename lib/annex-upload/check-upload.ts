// Parse + validate an upload's stored bytes against the database: the unit directory (with
// the admin's aliases and this upload's mappings), last month's current rows, and the month's
// current version for the diff. Used by staging, by the preview page and again by publish
// (the bytes are re-read at publish time: nothing the browser sends is trusted).
import {
  type KnownUnit,
  parseUploadFiles,
  suggestUnits,
  type UploadFile,
  type UploadLimits,
  type ValidationResult,
  validateUpload,
} from "@/lib/annex-upload/parse";
import { unitByAbbreviation } from "@/lib/annex-upload/parse/unit-abbreviations";
import { previousMonth } from "@/lib/calendar/month";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { StatRow } from "@/lib/indicators/types";
import { loadVersionData, type VersionData } from "@/lib/month-versions";
import { unitNameKey } from "@/lib/spreadsheet/normalize";

/** name as written → an existing unit's code, or a new unit of that kind. */
export type UnitMappings = Record<string, string>;
export const NEW_UNIT_PREFIX = "new:";

export type CheckOptions = { month?: string | null; mappings?: UnitMappings; limits?: Partial<UploadLimits> };

export type CheckResult = {
  month: string | null;
  validation: ValidationResult;
  /** Names still unknown after aliases and mappings, with suggestions. */
  unknownNames: Array<{ name: string; kind: string | null; suggestions: KnownUnit[] }>;
  /** Mapped names: as written → the unit they stand for (code or new:KIND). */
  applied: Record<string, string>;
  /** The month's current version, when there is one (the diff's "before"). */
  current: VersionData | null;
  knownUnits: KnownUnit[];
};

export async function loadKnownUnits(db: PrismaClient): Promise<{ units: KnownUnit[]; aliases: Map<string, string> }> {
  const [units, aliases] = await Promise.all([
    db.unit.findMany({ where: { active: true }, orderBy: [{ kind: "asc" }, { sortOrder: "asc" }] }),
    db.unitAlias.findMany({ include: { unit: { select: { code: true } } } }),
  ]);
  return {
    units: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, seq: u.sortOrder })),
    aliases: new Map(aliases.map((a) => [a.aliasKey, a.unit.code])),
  };
}

export async function currentRows(db: PrismaClient, month: string): Promise<VersionData | null> {
  const row = await db.reportMonth.findUnique({ where: { month }, select: { currentVersionId: true } });
  return row?.currentVersionId ? loadVersionData(db, row.currentVersionId) : null;
}

export async function checkUpload(
  db: PrismaClient,
  files: UploadFile[],
  options: CheckOptions = {},
): Promise<CheckResult> {
  const parsed = await parseUploadFiles(files, { expectedMonth: options.month ?? undefined, limits: options.limits });
  const month = options.month ?? parsed.month;
  const { units: known, aliases } = await loadKnownUnits(db);
  const byCode = new Map(known.map((u) => [u.code, u]));
  const byKey = new Map(known.map((u) => [unitNameKey(u.name), u]));
  const mappings = options.mappings ?? {};
  const applied: Record<string, string> = {};
  const knownUnits = [...known];

  // Aliases (saved by earlier publishes) and this upload's mappings rename a written name to
  // the directory's; a mapping to a new unit adds it to the directory for this check.
  const rename = (name: string): string => {
    if (byKey.has(unitNameKey(name))) return name;
    // This upload's mapping, else an admin's alias, else a usual abbreviation (lib/annex-upload/parse/unit-abbreviations.ts).
    const target =
      (Object.hasOwn(mappings, name) ? mappings[name] : undefined) ??
      aliases.get(unitNameKey(name)) ??
      unitByAbbreviation(name, known)?.code;
    if (!target) return name;
    applied[name] = target;
    if (target.startsWith(NEW_UNIT_PREFIX)) {
      const kind: KnownUnit["kind"] = target.slice(NEW_UNIT_PREFIX.length) === "DISTRICT" ? "DISTRICT" : "DEPARTMENT";
      if (!knownUnits.some((u) => u.code === `${NEW_UNIT_PREFIX}${name}`))
        knownUnits.push({ code: `${NEW_UNIT_PREFIX}${name}`, name, kind });
      return name;
    }
    return byCode.get(target)?.name ?? name;
  };
  for (const unit of parsed.units) unit.name = rename(unit.name);
  for (const row of parsed.rejectedRows) row.name = rename(row.name);

  let previous: StatRow[] | undefined;
  let current: VersionData | null = null;
  if (month) {
    const prev = await currentRows(db, previousMonth(month));
    previous = prev?.rows;
    current = await currentRows(db, month);
  }
  const validation = validateUpload(parsed, {
    knownUnits,
    previousMonthRows: previous,
    expectedMonth: month ?? parsed.month ?? "",
  });
  const unknownNames: CheckResult["unknownNames"] = [];
  for (const p of validation.problems) {
    if (p.code !== "UNKNOWN_UNIT" || !p.found || unknownNames.some((u) => u.name === p.found)) continue;
    const unit = parsed.units.find((u) => u.name === p.found) ?? parsed.rejectedRows.find((u) => u.name === p.found);
    unknownNames.push({ name: p.found, kind: unit?.kind ?? null, suggestions: suggestUnits(p.found, known) });
  }
  return { month, validation, unknownNames, applied, current, knownUnits };
}

/** Errors the preview can fix (unknown names, by mapping them); anything else rejects the file. */
export function onlyFixableErrors(validation: ValidationResult): boolean {
  return validation.problems.every((p) => p.severity !== "error" || p.code === "UNKNOWN_UNIT");
}
