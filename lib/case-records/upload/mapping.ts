// A refused case upload whose only trouble is names the app does not know — a unit written
// differently (市公安局 as 市公安局本级) or a header another platform labels its own way — is
// not a dead end: its files are kept, the admin says what each name means, and the same files
// are processed again with those mappings. Publishing remembers them (UnitAlias for units, the
// setting cases.columnAliases for headers), so the next month reads without asking.

import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit";
import {
  COLUMNS_OF_KIND,
  isPersonalDataLabel,
  REQUIRED_COLUMNS,
  type RecordColumn,
  type RecordKind,
  resolveRecordColumn,
} from "@/lib/case-records/import/columns";
import type { CaseImportReport } from "@/lib/case-records/import/stage-import";
import { loadUnits } from "@/lib/dashboard/server";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fill, type Messages } from "@/lib/i18n/messages";
import { storedFiles } from "./files";
import { receivedBytes } from "./storage";

export type CaseUploadMappings = {
  /** Written unit name → unit code. */
  units: Record<string, string>;
  /** Header label as written → record column. */
  columns: Record<string, RecordColumn>;
};

const ALL_COLUMNS = [...new Set(Object.values(COLUMNS_OF_KIND).flat())] as [RecordColumn, ...RecordColumn[]];
const columnSchema = z.enum(ALL_COLUMNS);

export function storedMappings(upload: { unitMappings: unknown; columnMappings: unknown }): CaseUploadMappings {
  const units = z.record(z.string(), z.string()).safeParse(upload.unitMappings ?? {});
  const columns = z.record(z.string(), columnSchema).safeParse(upload.columnMappings ?? {});
  return {
    units: units.success ? units.data : {},
    columns: columns.success ? (columns.data as Record<string, RecordColumn>) : {},
  };
}

export type UnitNeed = { name: string; rows: number };
export type ColumnNeed = {
  file: string;
  /** The file's kind, or null when its header was not recognised at all. */
  kind: RecordKind | null;
  /** The header row (1-based) the labels were read from. */
  row: number | null;
  /** Labels the app did not recognise (personal-data columns never offered). */
  labels: string[];
  /** What the labels may be mapped to. */
  choices: RecordColumn[];
  /** Required columns the file lacks. */
  missing: RecordColumn[];
};
export type MappingNeeds = { units: UnitNeed[]; files: ColumnNeed[] };

/** What the admin could map to let a refused import through (empty: nothing to map). */
export function mappingNeeds(report: CaseImportReport): MappingNeeds {
  const units = Object.entries(report.unknownUnits)
    .map(([name, rows]) => ({ name, rows }))
    .sort((a, b) => b.rows - a.rows || a.name.localeCompare(b.name, "zh-CN"));
  const files: ColumnNeed[] = [];
  for (const f of report.files) {
    if (f.kind === null && f.headerCandidate) {
      const labels = f.headerCandidate.labels.filter(
        (l) => l !== "" && !isPersonalDataLabel(l) && resolveRecordColumn(l) === null,
      );
      if (labels.length > 0)
        files.push({
          file: f.file,
          kind: null,
          row: f.headerCandidate.row,
          labels: [...new Set(labels)],
          choices: ALL_COLUMNS,
          missing: [],
        });
    } else if (f.kind !== null && f.missingColumns && f.missingColumns.length > 0 && f.ignoredColumns.length > 0) {
      // The missing columns first, then the kind's optional ones (a required column not missing is present).
      const optional = COLUMNS_OF_KIND[f.kind].filter(
        (c) => !REQUIRED_COLUMNS[f.kind!].includes(c) && !f.missingColumns!.includes(c),
      );
      files.push({
        file: f.file,
        kind: f.kind,
        row: f.headerRow,
        labels: [...new Set(f.ignoredColumns)],
        choices: [...f.missingColumns, ...optional],
        missing: f.missingColumns,
      });
    }
  }
  return { units, files };
}

/** Errors that mapping names can cure; with any other error the files must be fixed and sent again. */
const MAPPABLE_ERRORS: ReadonlySet<string> = new Set([
  "UNKNOWN_UNIT",
  "MISSING_COLUMN",
  "UNKNOWN_FILE_KIND",
  "NO_CASES_FILE",
]);

/** Whether the refused import can be let through by mapping names alone (then its files are kept). */
export function remappable(report: CaseImportReport): boolean {
  const needs = mappingNeeds(report);
  if (needs.units.length === 0 && needs.files.length === 0) return false;
  return report.problems.every((p) => p.severity !== "error" || MAPPABLE_ERRORS.has(p.code));
}

/** Whether every transferred file of the upload is still whole on disk (kept for a new attempt). */
export async function filesKept(id: number, files: unknown): Promise<boolean> {
  const declared = storedFiles(files);
  if (declared.length === 0) return false;
  const sizes = await Promise.all(declared.map((_, n) => receivedBytes(id, n)));
  return declared.every((f, n) => sizes[n] === f.size);
}

/** The mapping form, as submitted: pairs of hidden name + chosen target, an empty choice skipped. */
export const mappingFormSchema = z.object({
  uploadId: z.coerce.number().int().positive(),
  units: z.array(z.object({ name: z.string().min(1).max(200), code: z.string().max(40) })).max(500),
  columns: z
    .array(z.object({ label: z.string().min(1).max(200), column: z.union([z.literal(""), columnSchema]) }))
    .max(500),
});
export type MappingForm = z.infer<typeof mappingFormSchema>;

/** What mappingFormSchema reads of the form: the numbered pairs u<i>.name/code and c<i>.label/column. */
export function mappingFormInput(formData: FormData) {
  const pairs = (prefix: string, key: string, value: string) => {
    const out: Array<Record<string, string>> = [];
    for (let i = 0; formData.has(`${prefix}${i}.${key}`); i++) {
      out.push({
        [key]: String(formData.get(`${prefix}${i}.${key}`)),
        [value]: String(formData.get(`${prefix}${i}.${value}`) ?? ""),
      });
    }
    return out;
  };
  return {
    uploadId: formData.get("uploadId"),
    units: pairs("u", "name", "code"),
    columns: pairs("c", "label", "column"),
  };
}

export type RemapResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Checks the admin's choices against what the refused import needs, stores them on the upload
 * and claims it for processing again (REFUSED → PROCESSING, once: a second click finds it no
 * longer REFUSED). The caller queues the staging. What the import needs is read from its report.
 */
export async function remapCaseUpload(
  prisma: PrismaClient,
  input: MappingForm,
  actorId: number | null,
  t: Messages["caseMapping"]["errors"],
): Promise<RemapResult> {
  const named = (text: string, name: string) => fill(text, { name });
  const upload = await prisma.caseUpload.findUnique({ where: { id: input.uploadId } });
  const imported = upload?.caseImportId
    ? await prisma.caseImport.findUnique({ where: { id: upload.caseImportId }, select: { report: true } })
    : null;
  const report = imported?.report as CaseImportReport | null | undefined;
  if (!upload || !report || upload.status !== "REFUSED" || !remappable(report))
    return { ok: false, message: t.notRefused };
  if (!(await filesKept(upload.id, upload.files))) return { ok: false, message: t.filesGone };
  const needs = mappingNeeds(report);
  const fieldErrors: Record<string, string[]> = {};
  const codes = new Set((await loadUnits(prisma)).map((u) => u.code));
  const unitNames = new Set(needs.units.map((u) => u.name));
  const chosenUnits: Record<string, string> = {};
  input.units.forEach((u, i) => {
    if (u.code === "") return;
    if (!unitNames.has(u.name)) fieldErrors[`u${i}`] = [named(t.notUnknownUnit, u.name)];
    else if (!codes.has(u.code)) fieldErrors[`u${i}`] = [named(t.noSuchUnit, u.name)];
    else chosenUnits[u.name] = u.code;
  });
  const chosenColumns: Record<string, RecordColumn> = {};
  input.columns.forEach((c, i) => {
    if (c.column === "") return;
    const offered = needs.files.filter((f) => f.labels.includes(c.label));
    if (offered.length === 0) fieldErrors[`c${i}`] = [named(t.notUnknownColumn, c.label)];
    else if (!offered.some((f) => f.choices.includes(c.column as RecordColumn)))
      fieldErrors[`c${i}`] = [named(t.notAllowedColumn, c.label)];
    else if (chosenColumns[c.label] !== undefined && chosenColumns[c.label] !== c.column)
      fieldErrors[`c${i}`] = [named(t.labelTwice, c.label)];
    else chosenColumns[c.label] = c.column as RecordColumn;
  });
  // Two labels of one file given the same meaning would make the next read refuse it again.
  const byFile = new Map<string, Set<RecordColumn>>();
  for (const [label, column] of Object.entries(chosenColumns)) {
    for (const f of needs.files.filter((n) => n.labels.includes(label))) {
      const taken = byFile.get(f.file) ?? new Set();
      if (taken.has(column)) {
        const i = input.columns.findIndex((c) => c.label === label);
        fieldErrors[`c${i}`] = [named(t.columnTwice, f.file)];
      }
      taken.add(column);
      byFile.set(f.file, taken);
    }
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, message: t.invalid, fieldErrors };
  if (Object.keys(chosenUnits).length === 0 && Object.keys(chosenColumns).length === 0)
    return { ok: false, message: t.empty };

  const before = storedMappings(upload);
  const mappings: CaseUploadMappings = {
    units: { ...before.units, ...chosenUnits },
    columns: { ...before.columns, ...chosenColumns },
  };
  const claimed = await prisma.$transaction(async (tx) => {
    const changed = await tx.caseUpload.updateMany({
      where: { id: upload.id, status: "REFUSED" },
      data: {
        status: "PROCESSING",
        stage: "queued",
        message: null,
        heartbeatAt: new Date(),
        unitMappings: mappings.units,
        columnMappings: mappings.columns,
      },
    });
    if (changed.count > 0) {
      await recordAuditEvent(tx, {
        actorId,
        action: "cases.remap",
        month: upload.month,
        targetType: "CaseUpload",
        targetId: String(upload.id),
        details: { units: chosenUnits, columns: chosenColumns },
      });
    }
    return changed.count > 0;
  });
  if (!claimed) return { ok: false, message: t.changed };
  return { ok: true };
}

/** The mappings to remember at publish, with unit codes resolved to ids (a unit gone since is skipped). */
export async function mappingsToRemember(
  prisma: PrismaClient,
  mappings: CaseUploadMappings,
): Promise<{ units: Array<{ alias: string; unitId: number }>; columns: Record<string, RecordColumn> }> {
  const units = await prisma.unit.findMany({
    where: { code: { in: Object.values(mappings.units) } },
    select: { id: true, code: true },
  });
  const idByCode = new Map(units.map((u) => [u.code, u.id]));
  return {
    units: Object.entries(mappings.units).flatMap(([alias, code]) =>
      idByCode.has(code) ? [{ alias, unitId: idByCode.get(code)! }] : [],
    ),
    columns: mappings.columns,
  };
}
