// parseUploadFile / parseUploadFiles: bytes in, figures and problems out. Never throws on bad
// input. Order of checks: size (before anything is read), emptiness, what the bytes are
// (magic numbers, not the extension), the row count, then the tables.
//
// Formula cells: the cached result is accepted, with one warning per sheet naming the count
// and the first such cell. Excel and LibreOffice always store the result they display when
// they save, so the cached value is what the person preparing the file saw and checked; a
// bulletin workbook assembled by hand often computes totals and rates with formulas, and
// rejecting those would force a "paste as values" round trip for no gain in correctness. A
// formula without a stored result (files written by some libraries) is an error: there is no
// value to take, and evaluating formulas ourselves is out of scope.
import type ExcelJS from "exceljs";
import { en } from "@/lib/i18n/en";
import { fill } from "@/lib/i18n/messages";
import { zhCN } from "@/lib/i18n/zh-CN";
import type { ReportedSummaryField, SummaryScope } from "@/lib/indicators/types";
import { CsvLimitError, charCount, looksLikeText, readCsv } from "@/lib/spreadsheet/csv";
import { unitNameKey } from "@/lib/spreadsheet/normalize";
import { type Grid, gridFromRecords, gridFromWorksheet, isBlankRow } from "./grid";
import { summaryFieldLabel } from "./labels";
import { DEFAULT_LIMITS, MAX_OTHER_ROWS, type UploadLimits } from "./limits";
import { openWorkbook } from "./open-workbook";
import { newReadState, type ReadState, readGrid } from "./tables";
import type {
  AnnexValidationProblem,
  ParsedFileInfo,
  ParsedSummary,
  ParseResult,
  SourceRef,
  UploadFile,
} from "./types";
import { error, formatBytes, type Where } from "./validation-problems";
import { declaredUncompressedSize } from "./zip";

export type ParseOptions = { expectedMonth?: string; limits?: Partial<UploadLimits> };

export async function parseUploadFile(input: UploadFile & ParseOptions): Promise<ParseResult> {
  const { fileName, bytes, ...options } = input;
  return parseUploadFiles([{ fileName, bytes }], options);
}

/** Several files of one month (one per annex, a summary CSV): read as one upload. */
export async function parseUploadFiles(files: readonly UploadFile[], options: ParseOptions = {}): Promise<ParseResult> {
  const limits: UploadLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const states: Array<{ state: ReadState; info: ParsedFileInfo; fatal: boolean }> = [];
  for (const file of files) states.push(await readFile(file, limits));
  return combine(states, options.expectedMonth);
}

type Sniffed =
  | { format: "xlsx" }
  | { format: "csv" }
  | { code: "NOT_SPREADSHEET" | "UNSUPPORTED_FORMAT" | "UNREADABLE_FILE"; found: keyof typeof zhCN.import.found };

function startsWith(bytes: Uint8Array, ...signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** What the bytes are, by their first bytes. */
export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 120));
    if (head.includes("mimetypeapplication/vnd.oasis.opendocument"))
      return { code: "UNSUPPORTED_FORMAT", found: "ods" };
    return { format: "xlsx" };
  }
  if (startsWith(bytes, 0x50, 0x4b, 0x05, 0x06) || startsWith(bytes, 0x50, 0x4b, 0x07, 0x08))
    return { code: "UNREADABLE_FILE", found: "zip" };
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    return { code: "UNSUPPORTED_FORMAT", found: "xls" };
  if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46)) return { code: "NOT_SPREADSHEET", found: "pdf" };
  if (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    startsWith(bytes, 0xff, 0xd8, 0xff) ||
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38) ||
    startsWith(bytes, 0x42, 0x4d)
  ) {
    return { code: "NOT_SPREADSHEET", found: "image" };
  }
  if (!looksLikeText(bytes)) return { code: "NOT_SPREADSHEET", found: "binary" };
  const head = new TextDecoder("utf-8")
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<table"))
    return { code: "NOT_SPREADSHEET", found: "html" };
  if (head.startsWith("<?xml")) return { code: "UNSUPPORTED_FORMAT", found: "xml" };
  return { format: "csv" };
}

async function readFile(
  file: UploadFile,
  limits: UploadLimits,
): Promise<{ state: ReadState; info: ParsedFileInfo; fatal: boolean }> {
  const state = newReadState(file.fileName, limits.maxRows);
  const info: ParsedFileInfo = { file: file.fileName, format: null, tables: state.tables };
  const where: Where = { file: file.fileName };
  const fatal = (problem: AnnexValidationProblem) => {
    state.problems.push(problem);
    return { state, info, fatal: true };
  };
  const { bytes } = file;
  if (bytes.length > limits.maxBytes) {
    return fatal(
      error({
        code: "FILE_TOO_LARGE",
        where,
        found: formatBytes(bytes.length),
        foundEn: formatBytes(bytes.length, "en"),
        expected: formatBytes(limits.maxBytes),
        expectedEn: formatBytes(limits.maxBytes, "en"),
      }),
    );
  }
  const emptyFile = (found: keyof typeof zhCN.import.found) =>
    fatal(
      error({
        code: "EMPTY_FILE",
        where,
        found: zhCN.import.found[found],
        foundEn: en.import.found[found],
        expected: zhCN.import.expected.spreadsheet,
        expectedEn: en.import.expected.spreadsheet,
      }),
    );
  if (bytes.length === 0) return emptyFile("bytes");

  const sniffed = sniff(bytes);
  if ("code" in sniffed) {
    const expected =
      sniffed.code === "UNREADABLE_FILE" ? "xlsx" : sniffed.code === "UNSUPPORTED_FORMAT" ? "saveAs" : "spreadsheet";
    return fatal(
      error({
        code: sniffed.code,
        where,
        found: zhCN.import.found[sniffed.found],
        foundEn: en.import.found[sniffed.found],
        expected: zhCN.import.expected[expected],
        expectedEn: en.import.expected[expected],
      }),
    );
  }
  info.format = sniffed.format;

  const grids: Grid[] = [];
  const tooMany = (count: number, sheet?: string, atLeast = false) =>
    fatal(
      error({
        code: "TOO_MANY_ROWS",
        where: sheet === undefined ? where : { file: file.fileName, sheet },
        found: atLeast ? fill(zhCN.uploadLimits.atLeast, { count }) : String(count),
        foundEn: atLeast ? fill(en.uploadLimits.atLeast, { count }) : String(count),
        expected: String(limits.maxRows),
      }),
    );
  const rowCap = limits.maxRows + MAX_OTHER_ROWS;

  if (sniffed.format === "xlsx") {
    const unpacked = declaredUncompressedSize(bytes);
    if (unpacked !== null && unpacked > limits.maxUncompressedBytes) {
      return fatal(
        error({
          code: "FILE_TOO_LARGE",
          where,
          found: `${formatBytes(unpacked)}（解压后）`,
          foundEn: `${formatBytes(unpacked, "en")} unpacked`,
          expected: `${formatBytes(limits.maxUncompressedBytes)}（解压后）`,
          expectedEn: `${formatBytes(limits.maxUncompressedBytes, "en")} unpacked`,
        }),
      );
    }
    // What the directory declares can lie: the bytes actually inflated are capped, and each
    // sheet's rows counted, while the archive is opened (open-workbook.ts).
    const opened = await openWorkbook(bytes, { maxUnpackedBytes: limits.maxUncompressedBytes, maxSheetRows: rowCap });
    if (opened.kind === "unreadable") {
      return fatal(
        error({
          code: "UNREADABLE_FILE",
          where,
          found: opened.detail,
          expected: zhCN.import.expected.xlsx,
          expectedEn: en.import.expected.xlsx,
        }),
      );
    }
    if (opened.kind === "tooLarge") {
      return fatal(
        error({
          code: "UNPACKED_TOO_LARGE",
          where,
          found: formatBytes(opened.declared),
          foundEn: formatBytes(opened.declared, "en"),
          expected: formatBytes(limits.maxUncompressedBytes),
          expectedEn: formatBytes(limits.maxUncompressedBytes, "en"),
        }),
      );
    }
    if (opened.kind === "tooManyRows") return tooMany(opened.atLeast, opened.sheet, true);
    const workbook: ExcelJS.Workbook = opened.workbook;
    for (const ws of workbook.worksheets) {
      if (ws.state !== "visible" && ws.state !== undefined) continue;
      if (ws.actualRowCount > rowCap) return tooMany(ws.actualRowCount, ws.name);
      grids.push(gridFromWorksheet(ws));
    }
  } else {
    // Tokenising stops at the first record past the limit.
    let read: ReturnType<typeof readCsv>;
    try {
      read = readCsv(bytes, { maxRecords: rowCap });
    } catch (e) {
      if (!(e instanceof CsvLimitError)) throw e;
      const limit = csvLimitText(e);
      return fatal(
        error({
          code: "MALFORMED_CSV",
          where: { file: file.fileName, row: e.row },
          found: limit.zh,
          foundEn: limit.en,
        }),
      );
    }
    const { records, encoding, truncated } = read;
    info.encoding = encoding;
    if (truncated) return tooMany(rowCap + 1, undefined, true);
    grids.push(gridFromRecords(records));
  }

  if (grids.every((g) => g.rows.every(isBlankRow)))
    return emptyFile(sniffed.format === "csv" ? "whitespace" : "noSheets");

  for (const grid of grids) {
    readGrid(grid, state);
    if (state.aborted) return { state, info, fatal: true };
  }
  if (state.tables.length === 0) {
    const firstGrid = grids.find((g) => !g.rows.every(isBlankRow))!;
    const firstRow = firstGrid.rows.findIndex((row) => !isBlankRow(row));
    const texts = (firstGrid.rows[firstRow] ?? []).map((c) => c?.text ?? "").filter((t) => t.trim() !== "");
    return fatal(
      error({
        code: "UNKNOWN_LAYOUT",
        where: { file: file.fileName, sheet: firstGrid.sheet, row: firstRow + 1 },
        found: texts.slice(0, 6).join("，"),
        foundEn: texts.slice(0, 6).join(", "),
        expected: zhCN.import.expected.layout,
        expectedEn: en.import.expected.layout,
      }),
    );
  }
  return { state, info, fatal: false };
}

function describe(source: SourceRef | Where): { zh: string; en: string } {
  const zh = [`文件“${source.file}”`];
  const e = [`file "${source.file}"`];
  if (source.sheet !== undefined) {
    zh.push(`工作表“${source.sheet}”`);
    e.push(`sheet "${source.sheet}"`);
  }
  if (source.row !== undefined) {
    zh.push(`第${source.row}行`);
    e.push(`row ${source.row}`);
  }
  return { zh: zh.join(""), en: e.join(", ") };
}

function monthLabel(month: string): { zh: string; en: string } {
  const [y, m] = month.split("-");
  return { zh: `${y}年${Number(m)}月`, en: month };
}

/** Several files' readings as one upload: one month, each unit once, the summary merged. */
function combine(
  states: Array<{ state: ReadState; info: ParsedFileInfo; fatal: boolean }>,
  expectedMonth?: string,
): ParseResult {
  const problems: AnnexValidationProblem[] = [];
  for (const { state } of states) problems.push(...state.problems);

  // Each unit once, across sheets and files.
  const seen = new Map<string, SourceRef>();
  const result: ParseResult = { month: null, units: [], rejectedRows: [], problems, files: states.map((s) => s.info) };
  for (const { state } of states) {
    for (const entry of state.entries) {
      const row = "unit" in entry ? entry.unit : entry.rejected;
      const key = unitNameKey(row.name);
      const first = seen.get(key);
      if (first) {
        const d = describe(first);
        problems.push(
          error({ code: "DUPLICATE_UNIT", where: row.source, found: row.name, expected: d.zh, expectedEn: d.en }),
        );
        continue;
      }
      seen.set(key, row.source);
      if ("unit" in entry) result.units.push(entry.unit);
      else result.rejectedRows.push(entry.rejected);
    }
  }

  // The summary: each figure once.
  const summary: ParsedSummary = {};
  const figureAt = new Map<string, Where>();
  const sources: NonNullable<ParseResult["summarySources"]> = {};
  for (const { state } of states) {
    for (const s of state.summaries) {
      const key = `${s.scope}.${s.field}`;
      const first = figureAt.get(key);
      if (first) {
        const d = describe(first);
        problems.push(
          error({
            code: "DUPLICATE_SUMMARY_FIELD",
            where: s.where,
            found: summaryFieldLabel(s.field),
            expected: d.zh,
            expectedEn: d.en,
            extra: { scope: zhCN.import.scopes[s.scope] },
            extraEn: { scope: en.import.scopes[s.scope] },
          }),
        );
        continue;
      }
      figureAt.set(key, s.where);
      (summary[s.scope as SummaryScope] ??= {})[s.field as ReportedSummaryField] = s.value;
      (sources[s.scope] ??= {})[s.field] = s.where;
    }
  }
  if (Object.keys(summary).length > 0) {
    result.summary = summary;
    result.summarySources = sources;
  }

  // One month.
  const sightings = states.flatMap((s) => s.state.months);
  const readable = states.filter((s) => !s.fatal && s.state.tables.length > 0);
  const first = sightings[0];
  if (!first) {
    if (readable.length > 0) {
      const s = readable[0]!.state;
      const table = s.tables[0]!;
      problems.push(error({ code: "NO_MONTH", where: { file: s.file, sheet: table.sheet, row: table.headerRow } }));
    }
  } else {
    const reported = new Set<string>([first.month]);
    for (const s of sightings) {
      if (reported.has(s.month)) continue;
      reported.add(s.month);
      const d = describe(first.where);
      const found = monthLabel(s.month);
      const expected = monthLabel(first.month);
      problems.push(
        error({
          code: "CONFLICTING_MONTHS",
          where: s.where,
          found: found.zh,
          foundEn: found.en,
          expected: expected.zh,
          expectedEn: expected.en,
          extra: { other: d.zh },
          extraEn: { other: d.en },
        }),
      );
    }
    if (reported.size === 1) {
      result.month = first.month;
      if (expectedMonth !== undefined && expectedMonth !== first.month) {
        const found = monthLabel(first.month);
        const expected = monthLabel(expectedMonth);
        problems.push(
          error({
            code: "MONTH_MISMATCH",
            where: first.where,
            found: found.zh,
            foundEn: found.en,
            expected: expected.zh,
            expectedEn: expected.en,
          }),
        );
      }
    }
  }
  return result;
}

/** What limit a CSV broke (lib/spreadsheet/csv.ts), in both languages; the row is in the location. */
function csvLimitText(e: CsvLimitError): { zh: string; en: string } {
  const limit = charCount(e.limit);
  if (e.kind === "fieldTooLong")
    return {
      zh: `第 ${e.column! + 1} 列超过 ${limit} 个字符`,
      en: `column ${e.column! + 1} is longer than ${limit} characters`,
    };
  if (e.kind === "recordTooLong")
    return { zh: `一行超过 ${limit} 个字符`, en: `the line is longer than ${limit} characters` };
  return e.atEnd
    ? { zh: "引号没有闭合（到文件末尾仍未结束）", en: "a quote is not closed (still open at the end of the file)" }
    : {
        zh: `引号没有闭合（超过 ${limit} 个字符仍未结束）`,
        en: `a quote is not closed (still open after ${limit} characters)`,
      };
}
