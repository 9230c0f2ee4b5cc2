// Opening an .xlsx without trusting it: its entries are inflated here with a hard cap on the
// bytes produced (zip.ts), each sheet's rows are counted while it inflates and the reading
// stops at the first row past the limit (sheet-rows.ts), and exceljs only ever loads an
// archive rebuilt from the bytes verified here. Memory and time are bounded by the limits,
// whatever the archive declares.
import ExcelJS from "exceljs";
import { SheetRowCounter, sheetNamesByPath } from "./sheet-rows";
import { readZipEntries, storedZip } from "./zip";

export type OpenWorkbookLimits = {
  /** Most bytes the whole archive may inflate to. */
  maxUnpackedBytes: number;
  /** Most rows with values one sheet may hold. */
  maxSheetRows: number;
};

export type OpenWorkbookResult =
  | { kind: "ok"; workbook: ExcelJS.Workbook }
  | { kind: "unreadable"; detail: string }
  /** Inflates past maxUnpackedBytes; `declared` is what the archive's directory claimed. */
  | { kind: "tooLarge"; declared: number }
  /** A sheet has more than maxSheetRows rows: reading stopped at row `atLeast`. */
  | { kind: "tooManyRows"; sheet: string | undefined; atLeast: number };

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";

/** Sheets last, so that the workbook (the sheets' names) has been read when a sheet is refused. */
function sheetsLast(a: string, b: string): number {
  return Number(WORKSHEET.test(a)) - Number(WORKSHEET.test(b));
}

export async function openWorkbook(bytes: Uint8Array, limits: OpenWorkbookLimits): Promise<OpenWorkbookResult> {
  let refusedSheet: { path: string; atLeast: number } | undefined;
  const read = await readZipEntries(bytes, {
    maxBytes: limits.maxUnpackedBytes,
    order: sheetsLast,
    observe: (name) => {
      if (!WORKSHEET.test(name)) return undefined;
      const counter = new SheetRowCounter(limits.maxSheetRows);
      return (chunk) => {
        if (counter.push(chunk) <= limits.maxSheetRows) return true;
        refusedSheet = { path: name, atLeast: counter.rows };
        return false;
      };
    },
  });
  if (read.kind === "unreadable" || read.kind === "tooLarge") return read;
  if (read.kind === "stopped") {
    const names = readNames(new Map(read.entries.map((e) => [e.name, e.data])));
    return {
      kind: "tooManyRows",
      sheet: names.get(read.entry),
      atLeast: refusedSheet?.atLeast ?? limits.maxSheetRows + 1,
    };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(storedZip(read.entries) as unknown as ExcelJS.Buffer);
  } catch (cause) {
    return { kind: "unreadable", detail: cause instanceof Error ? cause.message : String(cause) };
  }
  return { kind: "ok", workbook };
}

function readNames(parts: Map<string, Buffer>): Map<string, string> {
  const workbook = parts.get(WORKBOOK);
  const rels = parts.get(WORKBOOK_RELS);
  if (!workbook || !rels) return new Map();
  return sheetNamesByPath(workbook.toString("utf8"), rels.toString("utf8"));
}
