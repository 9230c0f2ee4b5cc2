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
 * RFC 4180 records. Quotes only open a quoted field at its start (a quote inside an unquoted
 * field is kept as written, as Excel does); a final line break does not make an empty record.
 * With `maxRecords`, tokenising stops at the first non-blank record past it (`truncated`).
 */
export function tokenizeCsv(text: string, delimiter?: string): string[][];
export function tokenizeCsv(
  text: string,
  delimiter: string,
  maxRecords: number,
): { records: string[][]; truncated: boolean };
export function tokenizeCsv(
  text: string,
  delimiter = ",",
  maxRecords?: number,
): string[][] | { records: string[][]; truncated: boolean } {
  const records: string[][] = [];
  let nonBlank = 0;
  let record: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  let fieldStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (fieldStart && ch === '"') {
      // Quoted field: up to the closing quote ("" is a quote).
      i++;
      for (;;) {
        if (i >= n) break;
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      fieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = "";
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      record.push(field);
      records.push(record);
      if (maxRecords !== undefined && !isBlankRecord(record) && ++nonBlank > maxRecords)
        return { records, truncated: true };
      record = [];
      field = "";
      fieldStart = true;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStart = false;
    i++;
  }
  if (!fieldStart || field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
    if (maxRecords !== undefined && !isBlankRecord(record)) nonBlank++;
  }
  return maxRecords === undefined ? records : { records, truncated: nonBlank > maxRecords };
}

/**
 * Decoded, delimiter-detected records of a CSV file; with `maxRecords`, at most that many
 * non-blank records are read (`truncated` says there were more).
 */
export function readCsv(
  bytes: Uint8Array,
  options: { maxRecords?: number } = {},
): { records: string[][]; encoding: TextEncoding; truncated: boolean } {
  const { text, encoding } = decodeText(bytes);
  const { delimiter, skipFirstLine } = detectDelimiter(text);
  const body = skipFirstLine ? text.slice(text.indexOf("\n") + 1) : text;
  const { records, truncated } = tokenizeCsv(body, delimiter, options.maxRecords ?? Number.POSITIVE_INFINITY);
  return { records, encoding, truncated };
}
