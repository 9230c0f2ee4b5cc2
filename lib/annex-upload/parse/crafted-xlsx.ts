// Test support: .xlsx archives written byte by byte, for what exceljs would never write: a
// sheet whose declared size lies (a deflate bomb), a sheet of two million rows. Each is a
// complete workbook ([Content_Types].xml, relationships, workbook, sheets) that exceljs opens.
import { constants, crc32, deflateRawSync } from "node:zlib";

export type CraftedEntry = {
  name: string;
  /** Deflated data and the facts the directory should state about it. */
  compressed: Buffer;
  crc: number;
  /** What the directory declares as the uncompressed size: the truth, or a lie. */
  declaredSize: number;
};

/** A deflated entry whose directory tells the truth. */
export function deflatedEntry(name: string, data: string | Buffer): CraftedEntry {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  return { name, compressed: deflateRawSync(bytes), crc: crc32(bytes), declaredSize: bytes.length };
}

/** A ZIP archive of deflated entries, with the sizes and CRCs as given (lies included). */
export function craftedZip(entries: readonly CraftedEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.compressed.length, 20);
    dir.writeUInt32LE(e.declaredSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, e.compressed);
    central.push(dir, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(centralSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, eocd]);
}

/**
 * A raw deflate stream that inflates to `mebibytes` MiB of zeros, ~1 KB per MiB: one MiB's
 * deflate, flushed to a byte boundary, repeated (each copy only refers back to zeros), then
 * an empty final block. The zeros are never held in memory.
 */
export function zeroBomb(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  const final = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), final]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const workbookXml = (sheetName: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
  `<sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = "</sheetData></worksheet>";

/** A one-sheet workbook whose sheet1.xml is the entry given (its name: sheet1). */
export function craftedWorkbook(sheet: Omit<CraftedEntry, "name">, sheetName = "Sheet1"): Buffer {
  return craftedZip([
    deflatedEntry("[Content_Types].xml", CONTENT_TYPES),
    deflatedEntry("_rels/.rels", ROOT_RELS),
    deflatedEntry("xl/workbook.xml", workbookXml(sheetName)),
    deflatedEntry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    { ...sheet, name: "xl/worksheets/sheet1.xml" },
  ]);
}

/**
 * A sheet of `rows` rows, a number in column A each, deflated in slices so that the XML is
 * never held whole: a giant, honest sheet (its directory tells the truth, ~46 bytes a row).
 */
export function manyRowsSheet(rows: number): Omit<CraftedEntry, "name"> {
  const slices: Buffer[] = [];
  let size = 0;
  let crc = 0;
  const write = (text: string, last: boolean) => {
    const bytes = Buffer.from(text, "utf8");
    size += bytes.length;
    crc = crc32(bytes, crc);
    slices.push(deflateRawSync(bytes, { finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
  };
  const batch = 50_000;
  write(SHEET_HEAD, false);
  for (let start = 1; start <= rows; start += batch) {
    let text = "";
    for (let r = start; r < Math.min(start + batch, rows + 1); r++) {
      text += `<row r="${r}"><c r="A${r}"><v>${r % 10}</v></c></row>`;
    }
    write(text, false);
  }
  write(SHEET_TAIL, true);
  return { compressed: Buffer.concat(slices), crc, declaredSize: size };
}
