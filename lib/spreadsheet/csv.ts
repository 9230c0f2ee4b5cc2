// CSV as spreadsheet software saves it. Encoding is detected, never asked: a byte-order mark
// says UTF-8 or UTF-16; otherwise text that decodes as strict UTF-8 is UTF-8, and anything
// else is GB18030 (the superset of GBK that Chinese Excel writes). Tokenising follows RFC 4180
// (quoted fields with "" escapes, delimiters and line breaks inside quotes, CRLF/LF/CR),
// in one pass over the text.
import iconv from "iconv-lite";

export type TextEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be"), encoding: "utf-16be" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), "gb18030"), encoding: "gb18030" };
  }
}

/**
 * Whether bytes look like text rather than a binary file: no NUL bytes (outside UTF-16 with a
 * byte-order mark) and almost no other control characters.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control <= n / 100;
}

const DELIMITERS = [",", "\t", ";"] as const;

/**
 * The delimiter: Excel's `sep=` first line when present, else whichever of comma, tab and
 * semicolon occurs most in the first lines (comma on a tie).
 */
export function detectDelimiter(text: string): { delimiter: string; skipFirstLine: boolean } {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1]!, skipFirstLine: true };
  const head = text.slice(0, 8192);
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = head.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return { delimiter: best, skipFirstLine: false };
}

function isBlankRecord(record: readonly string[]): boolean {
  return record.every((f) => f.trim() === "");
}

/**
 * The longest field and the longest record (line, or lines joined inside quotes) a CSV may have,
 * in characters. The longest legitimate text in the files read here is a name or a comment of a
 * few hundred characters (事项名称, 办件名称, 评价内容: the platform cuts 评价内容 at 500); 32 KiB
 * and 1 MiB are far above that, and a stray quote or a file of one endless line is refused at
 * them instead of swallowing the rest of the file (issue 19, item 2).
 */
export const CSV_LIMITS = { field: 32 * 1024, record: 1024 * 1024 } as const;
export type CsvLimits = { field: number; record: number };

/**
 * A CSV broke a limit: a field or a record too long, or a quote still open at the end of the
 * file. `row` is the record's 1-based number (the header is row 1), `column` 0-based when known.
 */
export class CsvLimitError extends Error {
  /** The column's header label, when the reader knows it (set by the caller). */
  label?: string;
  constructor(
    readonly kind: "fieldTooLong" | "recordTooLong" | "unclosedQuote",
    readonly row: number,
    readonly limit: number,
    /** unclosedQuote: true when the file ended inside the quotes, false when the record passed its limit. */
    readonly atEnd = false,
    readonly column?: number,
  ) {
    super(
      kind === "fieldTooLong"
        ? `第 ${row} 行第 ${(column ?? 0) + 1} 列超过 ${charCount(limit)} 个字符`
        : kind === "recordTooLong"
          ? `第 ${row} 行超过 ${charCount(limit)} 个字符`
          : `第 ${row} 行的引号没有闭合（${atEnd ? "到文件末尾仍未结束" : `超过 ${charCount(limit)} 个字符仍未结束`}）`,
    );
  }
}

/** 32,768: a count of characters as messages write it. */
export const charCount = (n: number): string => n.toLocaleString("en-US");

/** The first field of `cells` longer than the limit, or -1. */
export function longFieldIndex(cells: readonly string[], limit: number): number {
  for (let i = 0; i < cells.length; i++) if (cells[i]!.length > limit) return i;
  return -1;
}

/**
 * RFC 4180 records. Quotes only open a quoted field at its start (a quote inside an unquoted
 * field is kept as written, as Excel does); a final line break does not make an empty record.
 * With `maxRecords`, tokenising stops at the first non-blank record past it (`truncated`).
 * A field or record past `limits`, or a quote open at the end of the text, throws CsvLimitError
 * (rows counted from `firstRow`).
 */
export function tokenizeCsv(text: string, delimiter?: string): string[][];
export function tokenizeCsv(
  text: string,
  delimiter: string,
  maxRecords: number,
  limits?: CsvLimits,
  firstRow?: number,
): { records: string[][]; truncated: boolean };
export function tokenizeCsv(
  text: string,
  delimiter = ",",
  maxRecords?: number,
  limits: CsvLimits = CSV_LIMITS,
  firstRow = 1,
): string[][] | { records: string[][]; truncated: boolean } {
  const records: string[][] = [];
  let nonBlank = 0;
  let record: string[] = [];
  let recordStart = 0;
  let field = "";
  let i = 0;
  const n = text.length;
  let fieldStart = true;
  const d = delimiter.charCodeAt(0);
  const row = () => firstRow + records.length;
  const endField = () => {
    if (field.length > limits.field) throw new CsvLimitError("fieldTooLong", row(), limits.field, false, record.length);
    record.push(field);
    field = "";
  };
  while (i < n) {
    const ch = text[i]!;
    if (fieldStart && ch === '"') {
      // Quoted field: up to the closing quote ("" is a quote), copied a run at a time.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        // Limits first: a quote never closed is said as such, at the record's limit or the end.
        if (q === -1 || q - recordStart > limits.record) {
          if (q === -1 && n - recordStart <= limits.record)
            throw new CsvLimitError("unclosedQuote", row(), limits.record, true);
          throw new CsvLimitError("unclosedQuote", row(), limits.record);
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      if (i - recordStart > limits.record) throw new CsvLimitError("recordTooLong", row(), limits.record);
      endField();
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      if (i - recordStart > limits.record) throw new CsvLimitError("recordTooLong", row(), limits.record);
      endField();
      records.push(record);
      if (maxRecords !== undefined && !isBlankRecord(record) && ++nonBlank > maxRecords)
        return { records, truncated: true };
      record = [];
      fieldStart = true;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      recordStart = i;
      continue;
    }
    // An unquoted run, up to the next delimiter or line break (never past the record's limit).
    const stop = Math.min(n, recordStart + limits.record + 1);
    let j = i + 1;
    while (j < stop) {
      const c = text.charCodeAt(j);
      if (c === d || c === 10 || c === 13) break;
      j++;
    }
    if (j - recordStart > limits.record) throw new CsvLimitError("recordTooLong", row(), limits.record);
    field += text.slice(i, j);
    fieldStart = false;
    i = j;
  }
  if (!fieldStart || field !== "" || record.length > 0) {
    if (n - recordStart > limits.record) throw new CsvLimitError("recordTooLong", row(), limits.record);
    endField();
    records.push(record);
    if (maxRecords !== undefined && !isBlankRecord(record)) nonBlank++;
  }
  return maxRecords === undefined ? records : { records, truncated: nonBlank > maxRecords };
}

/**
 * Decoded, delimiter-detected records of a CSV file; with `maxRecords`, at most that many
 * non-blank records are read (`truncated` says there were more). Throws CsvLimitError (a field
 * or record too long, a quote never closed).
 */
export function readCsv(
  bytes: Uint8Array,
  options: { maxRecords?: number; limits?: CsvLimits } = {},
): { records: string[][]; encoding: TextEncoding; truncated: boolean } {
  const { text, encoding } = decodeText(bytes);
  const { delimiter, skipFirstLine } = detectDelimiter(text);
  const body = skipFirstLine ? text.slice(text.indexOf("\n") + 1) : text;
  const { records, truncated } = tokenizeCsv(
    body,
    delimiter,
    options.maxRecords ?? Number.POSITIVE_INFINITY,
    options.limits ?? CSV_LIMITS,
    skipFirstLine ? 2 : 1,
  );
  return { records, encoding, truncated };
}
