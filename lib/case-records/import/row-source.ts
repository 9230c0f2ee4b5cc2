// The rows of a case-records file, streamed: never the whole file in memory. A file is CSV
// (UTF-8 with or without BOM, or GBK/GB18030, detected from its first 64 kB), CSV compressed
// with gzip (.csv.gz), XLSX (exceljs's streaming reader, every sheet in turn) or a .zip holding
// any of these (each entry read as a file of its own).
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline, type Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import yauzl from "yauzl";
import { CSV_LIMITS, CsvLimitError, type CsvLimits, longFieldIndex, looksLikeText } from "@/lib/spreadsheet/csv";

export type SourceEncoding = "utf-8" | "utf-8-bom" | "gb18030";

export type SourceRow = {
  /** The file as the user named it (a zip entry: "archive.zip/entry.csv"). */
  file: string;
  /** XLSX only. */
  sheet?: string;
  /** 1-based, as a spreadsheet shows it (CSV: the record number; the header is row 1). */
  row: number;
  cells: string[];
};

export type SourceInfo = { file: string; format: "csv" | "csv.gz" | "xlsx"; encoding?: SourceEncoding };

export type FileFormat = "csv" | "csv.gz" | "xlsx" | "zip";

/** The format from the name, then from the first bytes (a zip is PK\x03\x04, gzip 1f 8b). */
export async function detectFormat(path: string, name = path): Promise<FileFormat | null> {
  const lower = name.toLowerCase();
  const handle = await open(path, "r");
  const head = Buffer.alloc(4);
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const isGzip = head[0] === 0x1f && head[1] === 0x8b;
  if (lower.endsWith(".xlsx") && isZip) return "xlsx";
  if (lower.endsWith(".zip") && isZip) return "zip";
  if (isGzip) return "csv.gz";
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return "csv";
  if (isZip) return lower.endsWith(".xlsx") ? "xlsx" : "zip";
  return null;
}

/**
 * Decodes a byte stream to text. The encoding is decided on the first 64 kB: a BOM says UTF-8;
 * bytes that are valid UTF-8 mean UTF-8; otherwise GB18030 (the superset of GBK Chinese Excel
 * writes). Bytes invalid in the chosen encoding become U+FFFD, which the validator reports as
 * 编码错误 in its row and column.
 */
async function* decode(bytes: AsyncIterable<Buffer>, onEncoding: (e: SourceEncoding) => void): AsyncGenerator<string> {
  const iterator = bytes[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < 64 * 1024) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  let first = Buffer.concat(head);
  // An image, an archive or an .xls named .csv (or inside a .zip): refused by name, before its
  // bytes reach a header or a table (a NUL there was a raw PostgreSQL error; issue 19).
  if (!looksLikeText(first)) {
    await iterator.return?.();
    throw new NotTextError();
  }
  let encoding: SourceEncoding;
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) {
    encoding = "utf-8-bom";
    first = first.subarray(3);
  } else {
    encoding = isUtf8Prefix(first, done) ? "utf-8" : "gb18030";
  }
  onEncoding(encoding);
  const decoder =
    encoding === "gb18030" ? iconv.getDecoder("gb18030") : { write: utf8Writer(), end: () => "" as string | undefined };
  try {
    yield withoutNul(decoder.write(first));
    if (!done) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        yield withoutNul(decoder.write(next.value));
      }
    }
    const tail = decoder.end();
    if (tail) yield withoutNul(tail);
  } finally {
    // Stopped early (a limit, or only the header wanted): the byte stream is closed, not left open.
    if (!done) await iterator.return?.();
  }
}

/**
 * A NUL later in a text file becomes U+FFFD, which the row checks report as 编码错误 in its row
 * and column: PostgreSQL stores no NUL in text (nor \u0000 in jsonb), and refused the import
 * with its own error.
 */
function withoutNul(text: string): string {
  return text.indexOf("\0") === -1 ? text : text.replaceAll("\0", "\uFFFD");
}

function utf8Writer(): (chunk: Buffer) => string {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  return (chunk) => decoder.decode(chunk, { stream: true });
}

/**
 * UTF-8, allowing a character cut at the end of a prefix and a few broken bytes: text whose
 * Chinese characters decode as UTF-8 ten times more often than bytes fail is UTF-8 with damage
 * (reported per cell), not GBK.
 */
function isUtf8Prefix(bytes: Buffer, complete: boolean): boolean {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes, { stream: !complete });
  let broken = 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) broken++;
    else if (c >= 0x2e80) cjk++;
  }
  return broken === 0 || cjk >= 10 * broken;
}

/**
 * RFC 4180 records from a stream of text chunks: quoted fields with "" escapes, delimiters and
 * line breaks inside quotes, CRLF or LF. The delimiter is the first line's most frequent of
 * comma, tab and semicolon. Fast path: a line without a quote is split on the delimiter (most
 * platform exports quote nothing); a line with quotes goes through the quote-aware scanner,
 * joined with the next lines while a quoted field is open. A field or record longer than
 * `limits`, or a quote still open at the end, throws CsvLimitError naming the record's row.
 */
export async function* csvRecords(
  chunks: AsyncIterable<string>,
  limits: CsvLimits = CSV_LIMITS,
): AsyncGenerator<string[]> {
  for await (const batch of csvRecordBatches(chunks, limits)) yield* batch;
}

/**
 * The same records, one array per decoded chunk (~1 MB): the reader loops over a batch without
 * an await per record (an async generator's step per row cost more than the row's checks).
 *
 * Linear in the input: each character is looked at once or twice. A record that a chunk or an
 * open quote leaves unfinished is kept as a list of parts (joined once, when it ends) with the
 * parity of its quotes, updated from the new text only; before, the record was re-joined and
 * its quotes re-counted with every following line, and a line without end re-scanned with every
 * chunk (a stray quote on row 2 of 5 MB took 13 minutes; issue 19, item 2). The record's length
 * is capped, so a stray quote or an endless line fails within `limits.record` characters.
 */
export async function* csvRecordBatches(
  chunks: AsyncIterable<string>,
  limits: CsvLimits = CSV_LIMITS,
): AsyncGenerator<string[][]> {
  let delimiter = "";
  let parts: string[] = []; // the unfinished record's text, as read
  let partsLength = 0;
  let open = false; // an odd number of quotes in `parts`: a quoted field is open
  let rows = 0; // records given out: the next one is row rows + 1
  const finish = (line: string): string[] => {
    const cells = line.indexOf('"') === -1 ? line.split(delimiter) : scanQuoted(line, delimiter);
    rows++;
    // Only a line longer than the field limit can hold a field longer than it.
    if (line.length > limits.field) {
      const column = longFieldIndex(cells, limits.field);
      if (column !== -1) throw new CsvLimitError("fieldTooLong", rows, limits.field, false, column);
    }
    return cells;
  };
  for await (const chunk of chunks) {
    const n = chunk.length;
    if (n === 0) continue;
    if (delimiter === "") delimiter = String.fromCharCode(pickDelimiter(chunk));
    const out: string[][] = [];
    try {
      let pos = 0;
      while (pos < n) {
        const nl = chunk.indexOf("\n", pos);
        if (nl !== -1 && parts.length === 0) {
          // A whole line inside this chunk: the common case.
          const end = nl > pos && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          const line = chunk.slice(pos, end);
          if (line.length > limits.record) throw new CsvLimitError("recordTooLong", rows + 1, limits.record);
          if (line.indexOf('"') === -1 || quoteCount(line) % 2 === 0) out.push(finish(line));
          else {
            parts = [chunk.slice(pos, nl + 1)];
            partsLength = nl + 1 - pos;
            open = true;
          }
          pos = nl + 1;
          continue;
        }
        // The rest of a record begun earlier, or the start of one this chunk does not end.
        const end = nl === -1 ? n : nl + 1;
        const piece = chunk.slice(pos, end);
        if (quoteCount(piece) % 2 === 1) open = !open;
        parts.push(piece);
        partsLength += piece.length;
        pos = end;
        if (partsLength > limits.record)
          throw new CsvLimitError(open ? "unclosedQuote" : "recordTooLong", rows + 1, limits.record);
        if (nl === -1 || open) continue;
        let line = parts.join("");
        parts = [];
        partsLength = 0;
        line = line.slice(0, line.endsWith("\r\n") ? -2 : -1);
        out.push(finish(line));
      }
    } catch (error) {
      // The records before the refused one first: the header is recognised, and the error
      // names the file's kind and the column.
      if (out.length > 0) yield out;
      throw error;
    }
    if (out.length > 0) yield out;
  }
  if (parts.length > 0) {
    if (open) throw new CsvLimitError("unclosedQuote", rows + 1, limits.record, true);
    const last = parts.join("");
    const line = last.endsWith("\r") ? last.slice(0, -1) : last;
    if (line !== "") yield [finish(line)];
  }
}

/** How many quote characters. */
function quoteCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** One record with quoted fields (complete: every quote closed). */
function scanQuoted(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let field = "";
  let i = 0;
  const n = line.length;
  while (i <= n) {
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) {
          field += line.slice(i);
          i = n;
          break;
        }
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    }
    const d = line.indexOf(delimiter, i);
    const stop = d === -1 ? n : d;
    field += line.slice(i, stop);
    cells.push(field);
    field = "";
    i = stop + 1;
    if (d === -1) break;
  }
  return cells;
}

function pickDelimiter(text: string): number {
  const firstLine = text.slice(0, Math.max(0, text.search(/\r|\n/)) || text.length);
  const counts = [",", "\t", ";"].map((d) => firstLine.split(d).length);
  const best = counts.indexOf(Math.max(...counts));
  return [44, 9, 59][best]!;
}

async function* csvRowBatches(
  file: string,
  bytes: AsyncIterable<Buffer>,
  onEncoding: (e: SourceEncoding) => void,
): AsyncGenerator<SourceRow[]> {
  let row = 0;
  for await (const records of csvRecordBatches(decode(bytes, onEncoding))) {
    const rows: SourceRow[] = [];
    for (const cells of records) {
      row++;
      if (cells.length === 1 && cells[0] === "") continue; // blank line
      rows.push({ file, row, cells });
    }
    if (rows.length > 0) yield rows;
  }
}

/** The inflated bytes; whichever side ends or fails first, both are closed (pipeline). */
function gunzip(stream: Readable): Readable {
  const inflated = createGunzip();
  pipeline(stream, inflated, () => {});
  return inflated;
}

/** Excel's serial day number → `YYYY-MM-DD HH:mm:ss` (1900 date system). */
function excelSerialToText(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  return new Date(ms).toISOString().replace("T", " ").slice(0, 19);
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().replace("T", " ").slice(0, 19);
  if (typeof value === "number") return String(value);
  if (typeof value === "object") {
    const v = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return String(v.text);
  }
  return String(value);
}

async function* xlsxRowBatches(file: string, input: string | Readable): AsyncGenerator<SourceRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  for await (const sheetReader of reader) {
    const sheet = (sheetReader as unknown as { name?: string }).name ?? "";
    let batch: SourceRow[] = [];
    for await (const row of sheetReader) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      batch.push({ file, sheet, row: row.number, cells });
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * XLSX cells holding a time without a date style arrive as serial numbers (styles are not
 * read, for speed): the validator calls this for time columns.
 */
export function timeCellText(text: string): string {
  // A written time has a separator at [4] (2021-06-01 …): only a bare number can be a serial.
  if (text.length > 4 && (text.charCodeAt(4) < 48 || text.charCodeAt(4) > 57) && text.charCodeAt(4) !== 46) return text;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial > 20000 && serial < 80000) return excelSerialToText(serial);
  }
  return text;
}

function openZipEntries(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => (error ? reject(error) : resolve(zip!))),
  );
}

/** The files inside a .zip (folders and macOS metadata left out). */
export async function listZipEntries(path: string): Promise<string[]> {
  const zip = await openZipEntries(path);
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith("/") && !entry.fileName.startsWith("__MACOSX/")) names.push(entry.fileName);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  return names;
}

async function* zipRowBatches(
  file: string,
  path: string,
  onInfo: (info: SourceInfo) => void,
  only?: string,
): AsyncGenerator<SourceRow[]> {
  const zip = await openZipEntries(path);
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith("/") && (only === undefined || entry.fileName === only)) entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve());
    zip.on("error", reject);
    zip.readEntry();
  });
  // Entries are read one after another on a fresh handle each (yauzl closes after listing).
  for (const entry of entries) {
    const name = only === undefined ? `${file}/${entry.fileName}` : file;
    const lower = entry.fileName.toLowerCase();
    const again = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false }, (e, z) => (e ? reject(e) : resolve(z!))),
    );
    try {
      const stream = await new Promise<Readable>((resolve, reject) =>
        again.openReadStream(entry, (e, s) => (e ? reject(e) : resolve(s!))),
      );
      if (lower.endsWith(".xlsx")) {
        onInfo({ file: name, format: "xlsx" });
        yield* xlsxRowBatches(name, stream);
      } else {
        const source = lower.endsWith(".gz") ? gunzip(stream) : stream;
        const info: SourceInfo = { file: name, format: lower.endsWith(".gz") ? "csv.gz" : "csv" };
        yield* csvRowBatches(name, source, (e) => onInfo({ ...info, encoding: e }));
      }
    } finally {
      again.close();
    }
  }
}

/**
 * Every row of a file, header included, in order. `onInfo` is told each (inner) file's format
 * and encoding as it is opened.
 */
export async function* readRows(
  path: string,
  file: string,
  onInfo: (info: SourceInfo) => void = () => {},
  /** A .zip: read only this entry (the logical file is named `archive.zip/entry`). */
  zipEntry?: string,
): AsyncGenerator<SourceRow> {
  for await (const batch of readRowBatches(path, file, onInfo, zipEntry)) yield* batch;
}

/** The rows of readRows, in batches (a decoded chunk of CSV, or up to 1,000 rows of a sheet). */
export async function* readRowBatches(
  path: string,
  file: string,
  onInfo: (info: SourceInfo) => void = () => {},
  zipEntry?: string,
): AsyncGenerator<SourceRow[]> {
  if (zipEntry !== undefined) {
    yield* zipRowBatches(file, path, onInfo, zipEntry);
    return;
  }
  const format = await detectFormat(path, file);
  if (format === null) throw new UnsupportedFileError(file);
  if (format === "xlsx") {
    onInfo({ file, format });
    yield* xlsxRowBatches(file, path);
  } else if (format === "zip") {
    yield* zipRowBatches(file, path, onInfo);
  } else {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    const source = format === "csv.gz" ? gunzip(stream) : stream;
    yield* csvRowBatches(file, source, (encoding) => onInfo({ file, format, encoding }));
  }
}

/** A file read as CSV whose first bytes are not text (NUL bytes, control characters). */
export class NotTextError extends Error {
  constructor() {
    super("不是文本文件");
  }
}

export class UnsupportedFileError extends Error {
  constructor(readonly file: string) {
    super(`文件“${file}”不是支持的格式（CSV、CSV.GZ、XLSX 或 ZIP）`);
  }
}
