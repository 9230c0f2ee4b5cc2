// Reads a month's case-record files (办件明细, 好差评, 实施清单 — any order, any of the formats of
// row-source.ts), finds each file's columns by label, drops personal-data columns, checks every
// row, and hands each valid record to a sink as it goes (the loader streams them into COPY).
// Nothing is kept per row but the numbers needed for the duplicate checks.

import type { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { en } from "@/lib/i18n/en";
import { zhCN } from "@/lib/i18n/zh-CN";
import { columnLetter, unitNameKey } from "@/lib/spreadsheet/normalize";
import type { Extra, ValidationProblemCollection } from "@/lib/validation";
import {
  canonicalLabel,
  isPersonalDataLabel,
  REQUIRED_COLUMNS,
  type RecordColumn,
  type RecordKind,
  recordKindOf,
  resolveRecordColumn,
} from "./columns";
import type { CaseKind, CaseRecord, Channel, EvaluationKind, EvaluationLevel, EvaluationRecord } from "./definitions";
import { EVALUATION_LEVELS, inMonth } from "./definitions";
import { ownCopy } from "./own-copy";
import {
  detectFormat,
  listZipEntries,
  readRowBatches,
  readRows,
  type SourceInfo,
  type SourceRow,
  timeCellText,
  UnsupportedFileError,
} from "./row-source";
import {
  type CaseProblemCode,
  type CaseProblemText,
  type CaseValidationProblem,
  caseProblem,
  caseProblemCollection,
} from "./validation-problems";

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

const HEADER_SEARCH_ROWS = 10;

/**
 * A record number as a compact key for the duplicate checks. A cell's text is a slice of the
 * decoded chunk it came from, and V8 keeps the whole chunk alive for as long as the slice lives:
 * kept in a Set, a million slices would pin the whole file in memory. Digits-only numbers become
 * numbers; anything else a fresh copy of its characters.
 */
export function numberKey(text: string): string | number {
  if (text.length <= 15 && /^[1-9]\d*$/.test(text)) return Number(text);
  return ownCopy(text);
}

type Header = {
  kind: RecordKind;
  headerRow: number;
  sheet?: string;
  index: Map<RecordColumn, number>;
  labels: string[];
};

function headerOf(row: SourceRow, aliases: ReadonlyMap<string, RecordColumn>) {
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

const TIME_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const p2 = (n: string) => (n.length === 1 ? `0${n}` : n);

/** Two ASCII digits at i as a number, or -1 (no string is made: this runs 4 M times a month). */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** `YYYY-MM-DD HH:mm:ss` (also `/` or `.` separators, no seconds, no time), else null. */
export function parseTime(text: string): string | null {
  if (
    text.length === 19 &&
    text[4] === "-" &&
    text[7] === "-" &&
    text[10] === " " &&
    text[13] === ":" &&
    text[16] === ":"
  ) {
    const y1 = twoDigits(text, 0);
    const y2 = twoDigits(text, 2);
    const m = twoDigits(text, 5);
    const d = twoDigits(text, 8);
    const h = twoDigits(text, 11);
    const mi = twoDigits(text, 14);
    const s = twoDigits(text, 17);
    if (
      y1 >= 0 &&
      y2 >= 0 &&
      m >= 1 &&
      m <= 12 &&
      d >= 1 &&
      d <= DAYS_IN_MONTH[m - 1]! &&
      h >= 0 &&
      h <= 23 &&
      mi >= 0 &&
      mi <= 59 &&
      s >= 0 &&
      s <= 59
    ) {
      if (m === 2 && d === 29 && !isLeap(y1 * 100 + y2)) return null;
      return text;
    }
    return null;
  }
  const match = TIME_RE.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "00", s = "00"] = match;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return null;
  if (month === 2 && day === 29 && !isLeap(Number(y))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  return `${y}-${p2(mo!)}-${p2(d!)} ${p2(h)}:${mi}:${s}`;
}
function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i]!.trim() !== "") return false;
  return true;
}
function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const CASE_KINDS: Record<string, CaseKind> = {
  即办件: "INSTANT",
  即办: "INSTANT",
  承诺件: "PROMISED",
  承诺: "PROMISED",
  INSTANT: "INSTANT",
  PROMISED: "PROMISED",
};
const CHANNELS: Record<string, Channel> = {
  网上申请: "ONLINE",
  网上: "ONLINE",
  线上: "ONLINE",
  在线申请: "ONLINE",
  网上办理: "ONLINE",
  ONLINE: "ONLINE",
  窗口申请: "COUNTER",
  窗口: "COUNTER",
  线下: "COUNTER",
  窗口办理: "COUNTER",
  COUNTER: "COUNTER",
};
const YES_NO: Record<string, boolean> = {
  是: true,
  否: false,
  Y: true,
  N: false,
  y: true,
  n: false,
  "1": true,
  "0": false,
  true: true,
  false: false,
  TRUE: true,
  FALSE: false,
};
const LEVELS: Record<string, EvaluationLevel> = Object.fromEntries(
  EVALUATION_LEVELS.map((l, i) => [l, (i + 1) as EvaluationLevel]),
);
const EVALUATION_KINDS: Record<string, EvaluationKind> = {
  主动评价: "ACTIVE",
  主动: "ACTIVE",
  默认评价: "DEFAULT",
  默认: "DEFAULT",
  系统默认评价: "DEFAULT",
  ACTIVE: "ACTIVE",
  DEFAULT: "DEFAULT",
};
const ITEM_STATUS: Record<string, boolean> = {
  在用: true,
  启用: true,
  正常: true,
  停用: false,
  暂停: false,
  废止: false,
};

const ALLOWED: Record<string, string> = {
  caseKind: "即办件 / 承诺件",
  channel: "网上申请 / 窗口申请",
  isBatch: "是 / 否",
  evaluationLevel: EVALUATION_LEVELS.join(" / "),
  evaluationKind: "主动评价 / 默认评价",
  itemStatus: "在用 / 停用",
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
  const unitByKey = new Map<string, number>();
  for (const unit of options.units) {
    unitByKey.set(unitNameKey(unit.name), unit.id);
    for (const alias of unit.aliases ?? []) unitByKey.set(unitNameKey(alias), unit.id);
  }
  const summary: ParseSummary = {
    month: options.month,
    files: [],
    cases: 0,
    evaluations: 0,
    items: 0,
    unknownItems: 0,
    unknownUnits: {},
    problems,
  };

  // 1. Each file's kind from its header.
  const planned: Array<{ file: InputFile; info: ParsedFile }> = [];
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
      const rows = readRows(file.path, file.name, (i) => Object.assign(info, i), file.zipEntry);
      let seen = 0;
      let candidate: ParsedFile["headerCandidate"];
      for await (const row of rows) {
        if (++seen > HEADER_SEARCH_ROWS) break;
        const header = headerOf(row, aliases);
        if (header.kind) {
          info.kind = header.kind;
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
    } catch (error) {
      problems.add(fileProblem(error, file.name));
      summary.files.push(info);
      continue;
    }
    if (!info.kind) {
      problems.add(
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
  const ofKind = (kind: RecordKind) => planned.filter((p) => p.info.kind === kind);
  if (ofKind("cases").length === 0) {
    problems.add(
      caseProblem({
        code: "NO_CASES_FILE",
        text: "noCasesFile",
        where: { file: files.map((f) => f.name).join("、") },
        located: false,
      }),
    );
  }
  if (ofKind("catalogue").length === 0) {
    problems.add(
      caseProblem({
        code: "NO_CATALOGUE_FILE",
        text: "noCatalogueFile",
        where: { file: files.map((f) => f.name).join("、") },
        located: false,
      }),
    );
  }
  if (ofKind("evaluations").length === 0) {
    problems.add(
      caseProblem({
        code: "NO_EVALUATIONS_FILE",
        text: "noEvaluationsFile",
        where: { file: files.map((f) => f.name).join("、") },
        located: false,
      }),
    );
  }

  // 2. The catalogue, then the cases (which check item codes against it), then evaluations.
  const catalogue = new Map<string, CatalogueRecord>(); // unitId \0 itemCode
  const unknownItemNames = new Map<string, CatalogueRecord>();
  // Unit names repeat on every row: each written form is normalised once.
  const unitByWritten = new Map<string, number | undefined>();
  const caseNos = new Set<string | number>();
  const evaluationNos = new Set<string | number>();
  const haveCatalogue = ofKind("catalogue").length > 0;

  for (const kind of ["catalogue", "cases", "evaluations"] as const) {
    for (const { file, info } of ofKind(kind)) {
      try {
        await readFileRows(file, info, kind);
      } catch (error) {
        problems.add(fileProblem(error, file.name));
      }
    }
  }
  for (const item of unknownItemNames.values()) {
    const wait = sinks.item(item);
    if (wait) await wait;
  }
  summary.unknownItems = unknownItemNames.size;
  return summary;

  async function readFileRows(file: InputFile, info: ParsedFile, kind: RecordKind): Promise<void> {
    let header: Header | null = null;
    const check = kind === "cases" ? caseRow : kind === "evaluations" ? evaluationRow : itemRow;
    for await (const batch of readRowBatches(file.path, file.name, undefined, file.zipEntry)) {
      for (const row of batch) {
        if (!header) {
          if (row.row < info.headerRow!) continue;
          header = makeHeader(row, info, kind);
          if (!header) return;
          continue;
        }
        if (isBlankRow(row.cells)) continue;
        info.rows++;
        if (info.rows % 10_000 === 0) options.onProgress?.({ file: file.name, kind, rows: info.rows });
        const wait = check(row, header);
        if (wait) await wait;
      }
    }
    options.onProgress?.({ file: file.name, kind, rows: info.rows });
  }

  function makeHeader(row: SourceRow, info: ParsedFile, kind: RecordKind): Header | null {
    const h = headerOf(row, aliases);
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
    for (const i of h.duplicates) {
      problems.add(
        caseProblem({
          code: "DUPLICATE_COLUMN",
          text: "duplicateColumn",
          where: {
            file: row.file,
            sheet: row.sheet,
            row: row.row,
            column: { label: label(i), letter: columnLetter(i) },
          },
        }),
      );
    }
    const missing = REQUIRED_COLUMNS[kind].filter((c) => !h.index.has(c));
    if (kind === "evaluations" && !h.index.has("caseNo")) missing.push("caseNo");
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

  /** The cell of a column, trimmed; "" when the column is absent. Broken encoding is reported. */
  function cell(row: SourceRow, header: Header, column: RecordColumn): string {
    const i = header.index.get(column);
    if (i === undefined) return "";
    const value = row.cells[i];
    if (value === undefined) return "";
    const trimmed = value.trim();
    if (trimmed.includes("\uFFFD")) {
      problem(row, header, column, "BROKEN_ENCODING", trimmed, "brokenEncoding");
      return "\uFFFD";
    }
    return trimmed;
  }

  function problem(
    row: SourceRow,
    header: Header,
    column: RecordColumn | null,
    code: CaseProblemCode,
    found: string | undefined,
    text: CaseProblemText,
    values: { expected?: string; extra?: Extra } = {},
  ): void {
    const i = column ? header.index.get(column) : undefined;
    const col = column
      ? {
          label: i !== undefined ? header.labels[i] || canonicalLabel(column) : canonicalLabel(column),
          letter: i !== undefined ? columnLetter(i) : "—",
        }
      : undefined;
    problems.add(
      caseProblem({
        code,
        text,
        where: { file: row.file, sheet: row.sheet, row: row.row, column: col },
        found,
        ...values,
      }),
    );
  }

  function required(row: SourceRow, header: Header, column: RecordColumn): string | null {
    const value = cell(row, header, column);
    if (value === "\uFFFD") return null;
    if (value === "") {
      problem(row, header, column, "MISSING_VALUE", "", "missingValue", { extra: { column: canonicalLabel(column) } });
      return null;
    }
    return value;
  }

  function enumValue<T>(row: SourceRow, header: Header, column: RecordColumn, table: Record<string, T>): T | null {
    const value = required(row, header, column);
    if (value === null) return null;
    const mapped = table[value];
    if (mapped === undefined) {
      problem(row, header, column, "INVALID_VALUE", value, "invalidValue", { expected: ALLOWED[column] });
      return null;
    }
    return mapped;
  }

  /** undefined = invalid (reported); null = empty. */
  function days(row: SourceRow, header: Header, column: RecordColumn): number | null | undefined {
    const value = cell(row, header, column);
    if (value === "\uFFFD") return undefined;
    if (value === "") return null;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 3650) {
      problem(row, header, column, "INVALID_DAYS", value, "invalidDays");
      return undefined;
    }
    return n;
  }

  /** undefined = invalid (reported); null = empty. */
  function time(row: SourceRow, header: Header, column: RecordColumn): string | null | undefined {
    const raw = cell(row, header, column);
    if (raw === "\uFFFD") return undefined;
    if (raw === "") return null;
    const value = parseTime(timeCellText(raw));
    if (value === null) {
      problem(row, header, column, "INVALID_TIME", raw, "invalidTime");
      return undefined;
    }
    if (!options.calendar.covers(value)) {
      problem(row, header, column, "OUTSIDE_CALENDAR", raw, "outsideCalendar", {
        extra: { from: options.calendar.fromYear, to: options.calendar.toYear },
      });
      return undefined;
    }
    return value;
  }

  function unit(row: SourceRow, header: Header): number | null {
    const name = required(row, header, "unit");
    if (name === null) return null;
    let id = unitByWritten.get(name);
    if (id === undefined && !unitByWritten.has(name)) {
      id = unitByKey.get(unitNameKey(name));
      if (unitByWritten.size < 10_000) unitByWritten.set(ownCopy(name), id);
    }
    if (id === undefined) {
      summary.unknownUnits[name] = (summary.unknownUnits[name] ?? 0) + 1;
      problem(row, header, "unit", "UNKNOWN_UNIT", name, "unknownUnit");
      return null;
    }
    return id;
  }

  function itemRow(row: SourceRow, header: Header): void | Promise<void> {
    const itemCode = required(row, header, "itemCode");
    const itemName = required(row, header, "itemName");
    const unitId = unit(row, header);
    const kindText = cell(row, header, "caseKind");
    let caseKind: CaseKind | null = null;
    if (kindText !== "" && kindText !== "\uFFFD") {
      caseKind = CASE_KINDS[kindText] ?? null;
      if (!caseKind)
        problem(row, header, "caseKind", "INVALID_VALUE", kindText, "invalidValue", { expected: ALLOWED.caseKind });
    }
    const legalDays = days(row, header, "legalDays");
    const promisedDays = days(row, header, "promisedDays");
    const inUse = enumValue(row, header, "itemStatus", ITEM_STATUS);
    if (
      itemCode === null ||
      itemName === null ||
      unitId === null ||
      inUse === null ||
      legalDays === undefined ||
      promisedDays === undefined
    )
      return;
    if (kindText !== "" && caseKind === null) return;
    const key = ownCopy(`${unitId}\u0000${itemCode}`);
    if (catalogue.has(key)) {
      problem(row, header, "itemCode", "DUPLICATE_ITEM", itemCode, "duplicateItem");
      return;
    }
    const record: CatalogueRecord = {
      unitId,
      itemCode: ownCopy(itemCode),
      itemName: ownCopy(itemName),
      caseKind,
      legalDays,
      promisedDays,
      inUse,
      inCatalogue: true,
    };
    catalogue.set(key, record);
    summary.items++;
    return sinks.item(record);
  }

  function caseRow(row: SourceRow, header: Header): void | Promise<void> {
    let ok = true;
    const caseNo = required(row, header, "caseNo");
    if (caseNo !== null) {
      const key = numberKey(caseNo);
      if (caseNos.has(key)) {
        problem(row, header, "caseNo", "DUPLICATE_CASE_NO", caseNo, "duplicateCaseNo");
        ok = false;
      } else caseNos.add(key);
    } else ok = false;
    const unitId = unit(row, header);
    const itemCode = required(row, header, "itemCode");
    const itemName = cell(row, header, "itemName");
    if (itemName === "\uFFFD") ok = false;
    const caseKind = enumValue(row, header, "caseKind", CASE_KINDS);
    const channel = enumValue(row, header, "channel", CHANNELS);
    const isBatch = enumValue(row, header, "isBatch", YES_NO);
    let legalDays = days(row, header, "legalDays");
    let promisedDays = days(row, header, "promisedDays");
    const appliedAt = time(row, header, "appliedAt");
    const acceptedAt = time(row, header, "acceptedAt");
    const completedAt = time(row, header, "completedAt");
    if (unitId === null || itemCode === null || caseKind === null || channel === null || isBatch === null) ok = false;
    if (legalDays === undefined || promisedDays === undefined) ok = false;
    if (appliedAt === undefined || acceptedAt === undefined || completedAt === undefined) ok = false;
    if (!ok) return;

    const item = catalogue.get(`${unitId}\u0000${itemCode}`);
    // Limits missing from the case row are taken from the catalogue item.
    legalDays ??= item?.legalDays ?? null;
    promisedDays ??= item?.promisedDays ?? null;
    if (caseKind === "PROMISED" && (promisedDays === null || legalDays === null)) {
      problem(
        row,
        header,
        promisedDays === null ? "promisedDays" : "legalDays",
        "PROMISED_WITHOUT_DAYS",
        "",
        "promisedWithoutDays",
      );
      ok = false;
    }
    if (appliedAt === null && acceptedAt === null && completedAt === null) {
      problem(row, header, "appliedAt", "MISSING_VALUE", "", "missingTimes");
      return;
    }
    if (completedAt && !acceptedAt) {
      problem(row, header, "acceptedAt", "COMPLETED_WITHOUT_ACCEPTED", "", "completedWithoutAccepted");
      ok = false;
    }
    if (completedAt && acceptedAt && completedAt < acceptedAt) {
      problem(row, header, "completedAt", "COMPLETED_BEFORE_ACCEPTED", completedAt, "completedBeforeAccepted", {
        extra: { completedAt, acceptedAt },
      });
      ok = false;
    }
    if (acceptedAt && appliedAt && acceptedAt < appliedAt) {
      problem(row, header, "acceptedAt", "ACCEPTED_BEFORE_APPLIED", acceptedAt, "acceptedBeforeApplied", {
        extra: { acceptedAt, appliedAt },
      });
      ok = false;
    }
    const m = options.month;
    if (!inMonth(appliedAt!, m) && !inMonth(acceptedAt!, m) && !inMonth(completedAt!, m)) {
      problem(
        row,
        header,
        "acceptedAt",
        "OUTSIDE_MONTH",
        [appliedAt, acceptedAt, completedAt].filter(Boolean).join(" / "),
        "caseOutsideMonth",
        { extra: { month: m } },
      );
      ok = false;
    }
    if (!ok) return;
    if (haveCatalogue && !item) {
      problem(row, header, "itemCode", "UNKNOWN_ITEM_CODE", itemCode!, "unknownItemCode");
    }
    if (!item) {
      const key = ownCopy(`${unitId}\u0000${itemCode}`);
      if (!unknownItemNames.has(key)) {
        unknownItemNames.set(key, {
          unitId: unitId!,
          itemCode: ownCopy(itemCode!),
          itemName: ownCopy(itemName || itemCode!),
          caseKind,
          legalDays,
          promisedDays,
          inUse: false,
          inCatalogue: false,
        });
      }
    }
    const record: CaseRecord = {
      caseNo: caseNo!,
      unitId: unitId!,
      itemCode: itemCode!,
      caseKind: caseKind!,
      legalDays,
      promisedDays,
      channel: channel!,
      isBatch: isBatch!,
      appliedAt: appliedAt!,
      acceptedAt: acceptedAt!,
      completedAt: completedAt!,
      elapsedDays: acceptedAt && completedAt ? options.calendar.elapsedWorkingDays(acceptedAt, completedAt) : null,
    };
    summary.cases++;
    return sinks.case(record);
  }

  function evaluationRow(row: SourceRow, header: Header): void | Promise<void> {
    let ok = true;
    const evaluationNo = required(row, header, "evaluationNo");
    if (evaluationNo !== null) {
      const key = numberKey(evaluationNo);
      if (evaluationNos.has(key)) {
        problem(row, header, "evaluationNo", "DUPLICATE_EVALUATION_NO", evaluationNo, "duplicateEvaluationNo");
        ok = false;
      } else evaluationNos.add(key);
    } else ok = false;
    const caseNo = required(row, header, "caseNo");
    const unitId = unit(row, header);
    const evaluatedAt = time(row, header, "evaluatedAt");
    const level = enumValue(row, header, "evaluationLevel", LEVELS);
    const kind = enumValue(row, header, "evaluationKind", EVALUATION_KINDS);
    if (caseNo === null || unitId === null || level === null || kind === null || evaluatedAt === undefined) ok = false;
    if (evaluatedAt === null) {
      problem(row, header, "evaluatedAt", "MISSING_VALUE", "", "missingValue", {
        extra: { column: canonicalLabel("evaluatedAt") },
      });
      ok = false;
    } else if (evaluatedAt !== undefined && !inMonth(evaluatedAt, options.month)) {
      problem(row, header, "evaluatedAt", "OUTSIDE_MONTH", evaluatedAt, "evaluationOutsideMonth", {
        extra: { month: options.month },
      });
      ok = false;
    }
    if (!ok) return;
    summary.evaluations++;
    return sinks.evaluation({
      evaluationNo: evaluationNo!,
      caseNo: caseNo!,
      unitId: unitId!,
      evaluatedAt: evaluatedAt!,
      level: level!,
      kind: kind!,
    });
  }
}

function fileProblem(error: unknown, file: string): CaseValidationProblem {
  if (error instanceof UnsupportedFileError) {
    return caseProblem({ code: "UNSUPPORTED_FORMAT", text: "unsupportedFormat", where: { file } });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return caseProblem({ code: "UNREADABLE_FILE", text: "unreadableFile", where: { file }, extra: { reason } });
}
