// Reads a month's case-record files (办件明细, 好差评, 实施清单 — any order, any of the formats of
// row-source.ts), finds each file's columns by label, drops personal-data columns, checks every
// row, and hands each valid record to a sink as it goes (the loader streams them into COPY).
// Nothing is kept per row but the numbers needed for the duplicate checks.
//
// How to read it: parseCaseFiles is the table of contents; each step is one function, in the
// order they run:
//   1. recogniseFiles   — open each file and look at its first rows only, to learn its kind
//                         (sniffHeader); then reportMissingKinds for the selection as a whole
//   2. acceptHeader     — take the header row's columns (mapColumns: by label or a remembered
//                         alias); personal data dropped, unknown columns listed, a file that
//                         lacks a required column refused
//   3. readFileRows     — the hot loop: stream each file's rows past its header through the row
//                         check of its kind
//   4. itemRow / caseRow / evaluationRow (row-checks.ts) — check and convert one row: its record
//                         to the sink, or its problems
//   5. emitUnknownItems — the items the cases named that the catalogue lacks; the last count

import type { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";
import { CsvLimitError, charCount } from "@/lib/spreadsheet/csv";
import { columnLetter, unitNameKey } from "@/lib/spreadsheet/normalize";
import type { ValidationProblemCollection } from "@/lib/validation";
import {
  canonicalLabel,
  isPersonalDataLabel,
  REQUIRED_COLUMNS,
  type RecordColumn,
  type RecordKind,
  recordKindOf,
  resolveRecordColumn,
} from "./columns";
import type { CaseKind, CaseRecord, EvaluationRecord } from "./definitions";
import { ownCopy } from "./own-copy";
import { type CheckContext, type Header, newCheckContext, ROW_CHECKS } from "./row-checks";
import {
  detectFormat,
  listZipEntries,
  NotTextError,
  readRowBatches,
  readRows,
  type SourceInfo,
  type SourceRow,
  UnsupportedFileError,
} from "./row-source";
import {
  type CaseProblemCode,
  type CaseValidationProblem,
  caseProblem,
  caseProblemCollection,
} from "./validation-problems";

/** Kept here for the callers of the reader (and its tests): the values a cell may hold. */
export { numberKey, parseTime } from "./row-checks";

export type InputFile = {
  path: string;
  name: string /** Set for an entry of a .zip (expandZips). */;
  zipEntry?: string;
};

/** Each entry of a .zip becomes a file of its own (`archive.zip/entry.csv`): an archive may hold all three kinds. */
export async function expandZips(files: readonly InputFile[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const file of files) {
    if (file.zipEntry === undefined && (await detectFormat(file.path, file.name).catch(() => null)) === "zip") {
      for (const entry of await listZipEntries(file.path))
        out.push({ path: file.path, name: `${file.name}/${entry}`, zipEntry: entry });
    } else out.push(file);
  }
  return out;
}

export type KnownUnit = { id: number; name: string; aliases?: readonly string[] };

export type CatalogueRecord = {
  unitId: number;
  itemCode: string;
  itemName: string;
  caseKind: CaseKind | null;
  legalDays: number | null;
  promisedDays: number | null;
  inUse: boolean;
  inCatalogue: boolean;
};

export type RecordSinks = {
  /** Return a promise only to ask the reader to wait (stream backpressure). */
  case(record: CaseRecord): void | Promise<void>;
  evaluation(record: EvaluationRecord): void | Promise<void>;
  item(record: CatalogueRecord): void | Promise<void>;
};

export type ParseOptions = {
  month: string;
  units: readonly KnownUnit[];
  calendar: WorkingDayCalendar;
  /** Header mappings an admin made once (labelKey → column), remembered. */
  columnAliases?: ReadonlyMap<string, RecordColumn>;
  onRowProblem?: (problem: CaseValidationProblem) => void;
  /** Called every 10,000 rows (progress). */
  onProgress?: (progress: { file: string; kind: RecordKind; rows: number }) => void;
};

export type ParsedFile = SourceInfo & {
  kind: RecordKind | null;
  headerRow: number | null;
  rows: number;
  /** Personal-data columns found and dropped (never read past the header). */
  droppedColumns: string[];
  ignoredColumns: string[];
  /** Required columns the header lacks (the file is refused; its ignored columns may be mapped to them). */
  missingColumns?: RecordColumn[];
  /** A file whose kind was not recognised: the row most likely its header, for the admin to map. */
  headerCandidate?: { row: number; sheet?: string; labels: string[] };
};

export type ParseSummary = {
  month: string;
  files: ParsedFile[];
  cases: number;
  evaluations: number;
  items: number;
  /** Codes met in the cases but absent from the catalogue, with a name, added as items not in the catalogue. */
  unknownItems: number;
  unknownUnits: Record<string, number>;
  problems: ValidationProblemCollection<CaseProblemCode>;
};

/**
 * Reads the files. Valid records go to the sinks as they are read (catalogue first, then the
 * cases, then the evaluations, whatever order the files came in); the summary's problems say
 * whether anything may be published (no error).
 */
export async function parseCaseFiles(
  inputs: readonly InputFile[],
  sinks: RecordSinks,
  options: ParseOptions,
): Promise<ParseSummary> {
  const files = await expandZips(inputs);
  const problems = caseProblemCollection(options.onRowProblem);
  const aliases = options.columnAliases ?? new Map();
  const unitByKey = unitIdsByName(options.units);
  const summary = emptySummary(options.month, problems);

  // 1. Each file's kind from its header.
  const planned = await recogniseFiles(files, aliases, summary);
  const ofKind = (kind: RecordKind) => planned.filter((p) => p.info.kind === kind);
  reportMissingKinds(files, ofKind, problems);

  // 2.–4. The catalogue, then the cases (which check item codes against it), then evaluations.
  const context = newCheckContext(sinks, options, summary, unitByKey, ofKind("catalogue").length > 0);
  for (const kind of READ_ORDER) {
    for (const { file, info } of ofKind(kind)) {
      try {
        await readFileRows(file, info, kind, aliases, context, options);
      } catch (error) {
        // A limit in the file stops reading it: the rest is not read into the tables (the
        // error refuses the import, whose tables are then dropped).
        problems.add(fileProblem(error, file.name));
      }
    }
  }

  // 5. The items met only in the cases; the summary is complete.
  await emitUnknownItems(context);
  return summary;
}

/** The catalogue first: the cases are checked against it (unknown item codes, missing time limits). */
const READ_ORDER = ["catalogue", "cases", "evaluations"] as const;

/** The summary before any file is read; the steps fill it in. */
function emptySummary(month: string, problems: ValidationProblemCollection<CaseProblemCode>): ParseSummary {
  return { month, files: [], cases: 0, evaluations: 0, items: 0, unknownItems: 0, unknownUnits: {}, problems };
}

/**
 * Unit id by each unit's name and its aliases (short names an admin mapped), keyed by
 * unitNameKey: the files write a unit with stray spaces or full-width forms.
 */
function unitIdsByName(units: readonly KnownUnit[]): Map<string, number> {
  const unitByKey = new Map<string, number>();
  for (const unit of units) {
    unitByKey.set(unitNameKey(unit.name), unit.id);
    for (const alias of unit.aliases ?? []) unitByKey.set(unitNameKey(alias), unit.id);
  }
  return unitByKey;
}

// ---------------------------------------------------------------------------------------------
// 1. Open and sniff the files: what each holds, before any record is read

/** How far down a file its header is looked for (exports often put a title or notes above it). */
const HEADER_SEARCH_ROWS = 10;

type PlannedFile = { file: InputFile; info: ParsedFile };

/**
 * Every file's kind and header row, learnt from its first rows only: the catalogue must be read
 * before the cases whatever order the files came in, so no file's records are read until all
 * are known. A file that cannot be read, or whose kind no row names, is reported here (it stays
 * in the summary's files, and an unreadable one is never read again).
 */
async function recogniseFiles(
  files: readonly InputFile[],
  aliases: ReadonlyMap<string, RecordColumn>,
  summary: ParseSummary,
): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  for (const file of files) {
    const info: ParsedFile = {
      file: file.name,
      format: "csv",
      kind: null,
      headerRow: null,
      rows: 0,
      droppedColumns: [],
      ignoredColumns: [],
    };
    try {
      await sniffHeader(file, info, aliases);
    } catch (error) {
      summary.problems.add(fileProblem(error, file.name));
      summary.files.push(info);
      continue;
    }
    if (!info.kind) {
      summary.problems.add(
        caseProblem({
          code: "UNKNOWN_FILE_KIND",
          text: "unknownFileKind",
          where: { file: file.name },
          extra: { rows: HEADER_SEARCH_ROWS },
        }),
      );
    }
    planned.push({ file, info });
    summary.files.push(info);
  }
  return planned;
}

/**
 * Opens one file (its format and encoding land in `info`) and reads its first rows: the first
 * whose labels name a kind's columns is its header. Failing that, the fullest of them is kept as
 * the header candidate the admin may map by hand (lib/case-records/upload/mapping.ts).
 */
async function sniffHeader(file: InputFile, info: ParsedFile, aliases: ReadonlyMap<string, RecordColumn>) {
  const rows = readRows(file.path, file.name, (i) => Object.assign(info, i), file.zipEntry);
  let seen = 0;
  let candidate: ParsedFile["headerCandidate"];
  for await (const row of rows) {
    if (++seen > HEADER_SEARCH_ROWS) break;
    const columns = mapColumns(row, aliases);
    if (columns.kind) {
      info.kind = columns.kind;
      info.headerRow = row.row;
      break;
    }
    // The fullest of the first rows is taken for the header the admin may map.
    const labels = row.cells.map((c) => ownCopy(c.trim()));
    const filled = labels.filter((l) => l !== "").length;
    if (filled > 0 && filled > (candidate?.labels.filter((l) => l !== "").length ?? 0))
      candidate = { row: row.row, sheet: row.sheet, labels };
  }
  if (!info.kind && candidate) info.headerCandidate = candidate;
  await rows.return(undefined);
}

/** The problem of each file kind missing from the selection, in this order. */
const EXPECTED_KINDS = [
  { kind: "cases", code: "NO_CASES_FILE", text: "noCasesFile" },
  { kind: "catalogue", code: "NO_CATALOGUE_FILE", text: "noCatalogueFile" },
  { kind: "evaluations", code: "NO_EVALUATIONS_FILE", text: "noEvaluationsFile" },
] as const;

/**
 * A month needs its 办件明细 (an error without one); without the catalogue or the evaluations it
 * can still be read, with less checked (warnings). Said once for the whole selection of files.
 */
function reportMissingKinds(
  files: readonly InputFile[],
  ofKind: (kind: RecordKind) => PlannedFile[],
  problems: ValidationProblemCollection<CaseProblemCode>,
): void {
  for (const { kind, code, text } of EXPECTED_KINDS) {
    if (ofKind(kind).length > 0) continue;
    problems.add(caseProblem({ code, text, where: { file: files.map((f) => f.name).join("、") }, located: false }));
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Recognise the header and map the columns

type ColumnMap = ReturnType<typeof mapColumns>;

/**
 * What each label of a header row means: a record column (by its label or an alias an admin
 * mapped once and the import remembers), a personal-data column (dropped), or nothing known
 * (ignored). The record kind is the one these columns make up (recordKindOf), or null.
 */
function mapColumns(row: SourceRow, aliases: ReadonlyMap<string, RecordColumn>) {
  const index = new Map<RecordColumn, number>();
  const duplicates: number[] = [];
  const dropped: number[] = [];
  const ignored: number[] = [];
  row.cells.forEach((cell, i) => {
    const label = cell.trim();
    if (label === "") return;
    const column = resolveRecordColumn(label, aliases);
    if (column) {
      if (index.has(column)) duplicates.push(i);
      else index.set(column, i);
    } else if (isPersonalDataLabel(label)) dropped.push(i);
    else ignored.push(i);
  });
  return { index, duplicates, dropped, ignored, kind: recordKindOf(new Set(index.keys())) };
}

/**
 * Takes the header row step 1 found as the file's columns, and says what was set aside. A column
 * given twice or a required one missing refuses the file (null): its rows could not be read
 * right, and the admin may map an ignored column to the missing one (info.missingColumns).
 */
function acceptHeader(
  row: SourceRow,
  info: ParsedFile,
  kind: RecordKind,
  aliases: ReadonlyMap<string, RecordColumn>,
  problems: ValidationProblemCollection<CaseProblemCode>,
): Header | null {
  const h = mapColumns(row, aliases);
  reportSetAsideColumns(row, h, info, problems);
  reportDuplicateColumns(row, h.duplicates, problems);
  const missing = missingColumns(kind, h.index);
  if (missing.length > 0) info.missingColumns = missing;
  for (const column of missing) {
    problems.add(
      caseProblem({
        code: "MISSING_COLUMN",
        text: "missingColumn",
        where: { file: row.file, sheet: row.sheet, row: row.row },
        extra: { kind: zhCN.caseImport.kinds[kind], column: canonicalLabel(column) },
        extraEn: { kind: en.caseImport.kinds[kind], column: canonicalLabel(column) },
      }),
    );
  }
  if (missing.length > 0 || h.duplicates.length > 0) return null;
  return { kind, headerRow: row.row, sheet: row.sheet, index: h.index, labels: row.cells.map((c) => c.trim()) };
}

/** Personal-data columns (dropped, never read) and unknown ones (ignored): listed on the file and reported. */
function reportSetAsideColumns(
  row: SourceRow,
  h: ColumnMap,
  info: ParsedFile,
  problems: ValidationProblemCollection<CaseProblemCode>,
): void {
  const label = (i: number) => row.cells[i]!.trim();
  info.droppedColumns = h.dropped.map(label);
  info.ignoredColumns = h.ignored.map(label);
  if (h.dropped.length > 0) {
    problems.add(
      caseProblem({
        code: "PERSONAL_DATA_DROPPED",
        text: "personalDataDropped",
        where: { file: row.file, sheet: row.sheet },
        extra: { columns: info.droppedColumns.join("、") },
        extraEn: { columns: info.droppedColumns.join(", ") },
      }),
    );
  }
  if (h.ignored.length > 0) {
    problems.add(
      caseProblem({
        code: "UNKNOWN_COLUMN",
        text: "unknownColumn",
        where: { file: row.file, sheet: row.sheet },
        extra: { columns: info.ignoredColumns.join("、") },
        extraEn: { columns: info.ignoredColumns.join(", ") },
      }),
    );
  }
}

/** Each later column whose label means a column already found (which of the two to read is unclear). */
function reportDuplicateColumns(
  row: SourceRow,
  duplicates: readonly number[],
  problems: ValidationProblemCollection<CaseProblemCode>,
): void {
  for (const i of duplicates) {
    problems.add(
      caseProblem({
        code: "DUPLICATE_COLUMN",
        text: "duplicateColumn",
        where: {
          file: row.file,
          sheet: row.sheet,
          row: row.row,
          column: { label: row.cells[i]!.trim(), letter: columnLetter(i) },
        },
      }),
    );
  }
}

/** The kind's required columns the header lacks. An evaluation names its case: 办件编号 is required there too. */
function missingColumns(kind: RecordKind, index: ReadonlyMap<RecordColumn, number>): RecordColumn[] {
  const missing = REQUIRED_COLUMNS[kind].filter((c) => !index.has(c));
  if (kind === "evaluations" && !index.has("caseNo")) missing.push("caseNo");
  return missing;
}

// ---------------------------------------------------------------------------------------------
// 3. Stream one file's rows through its kind's row check

/**
 * Reads one file from its header on and hands each non-blank row to the row check of its kind.
 * This is the hot loop (millions of rows a month): rows come in batches, nothing is allocated
 * per row here, and a sink's promise is awaited only when it gives one (COPY backpressure).
 * Progress every 10,000 rows and once at the end.
 */
async function readFileRows(
  file: InputFile,
  info: ParsedFile,
  kind: RecordKind,
  aliases: ReadonlyMap<string, RecordColumn>,
  context: CheckContext,
  options: ParseOptions,
): Promise<void> {
  let header: Header | null = null;
  const check = ROW_CHECKS[kind];
  const rows = readRowBatches(file.path, file.name, undefined, file.zipEntry);
  // Stopped early (a refused header, a sink's error): the file is closed.
  try {
    for (;;) {
      let next: IteratorResult<SourceRow[]>;
      try {
        next = await rows.next();
      } catch (error) {
        // A field too long: named by its header label when the header is known.
        const h = header as Header | null;
        if (error instanceof CsvLimitError && error.column !== undefined) error.label = h?.labels[error.column];
        throw error;
      }
      if (next.done) break;
      for (const row of next.value) {
        if (!header) {
          if (row.row < info.headerRow!) continue;
          header = acceptHeader(row, info, kind, aliases, context.problems);
          if (!header) return;
          continue;
        }
        if (isBlankRow(row.cells)) continue;
        info.rows++;
        if (info.rows % 10_000 === 0) options.onProgress?.({ file: file.name, kind, rows: info.rows });
        const wait = check(context, row, header);
        if (wait) await wait;
      }
    }
  } finally {
    await rows.return(undefined);
  }
  options.onProgress?.({ file: file.name, kind, rows: info.rows });
}

function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i]!.trim() !== "") return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// 5. The items met only in the cases, and the summary's last count

/**
 * Each item code the cases named but the catalogue lacks becomes an item not in the catalogue
 * (step 4 noted them), given to the item sink after every file is read.
 */
async function emitUnknownItems(context: CheckContext): Promise<void> {
  for (const item of context.unknownItemNames.values()) {
    const wait = context.sinks.item(item);
    if (wait) await wait;
  }
  context.summary.unknownItems = context.unknownItemNames.size;
}

/** A file that cannot be read at all: not a format we read, or broken (with the reader's reason). */
function fileProblem(error: unknown, file: string): CaseValidationProblem {
  if (error instanceof CsvLimitError) return csvLimitProblem(error, file);
  if (error instanceof NotTextError) return caseProblem({ code: "NOT_TEXT", text: "notText", where: { file } });
  if (error instanceof UnsupportedFileError) {
    return caseProblem({ code: "UNSUPPORTED_FORMAT", text: "unsupportedFormat", where: { file } });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return caseProblem({ code: "UNREADABLE_FILE", text: "unreadableFile", where: { file }, extra: { reason } });
}

/** A CSV past a length limit (row-source.ts): the row, the column when known, the limit. */
function csvLimitProblem(error: CsvLimitError, file: string): CaseValidationProblem {
  const extra = { limit: charCount(error.limit) };
  if (error.kind === "fieldTooLong") {
    const letter = columnLetter(error.column ?? 0);
    const label = error.label?.trim();
    return label
      ? caseProblem({
          code: "FIELD_TOO_LONG",
          text: "fieldTooLong",
          where: { file, row: error.row, column: { label, letter } },
          extra,
        })
      : caseProblem({
          code: "FIELD_TOO_LONG",
          text: "fieldTooLongAt",
          where: { file, row: error.row },
          extra: { ...extra, letter },
        });
  }
  if (error.kind === "recordTooLong")
    return caseProblem({ code: "RECORD_TOO_LONG", text: "recordTooLong", where: { file, row: error.row }, extra });
  return caseProblem({
    code: "UNCLOSED_QUOTE",
    text: error.atEnd ? "unclosedQuoteAtEnd" : "unclosedQuote",
    where: { file, row: error.row },
    extra,
  });
}
