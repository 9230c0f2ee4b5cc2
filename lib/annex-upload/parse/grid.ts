// One shape for what a sheet holds, whether it came from an .xlsx worksheet (exceljs) or a
// CSV file: rows of typed cells. The table reader works on this only.
import type ExcelJS from "exceljs";
import { restoreNeutralised } from "@/lib/export/neutralise";

export type GridCell =
  | { kind: "number"; value: number; percent: boolean; formula?: string; text: string }
  | { kind: "text"; text: string; formula?: string }
  | { kind: "date"; date: Date; text: string; formula?: string }
  /** Booleans, error values (#DIV/0!), anything else that is not a number or text. */
  | { kind: "other"; text: string; formula?: string }
  /** A formula whose result the file does not hold. */
  | { kind: "formula"; formula: string; text: string };

/** A cell inside a merged range other than its top-left cell: it shows the master's text. */
export type MergedCell = { kind: "merged"; text: string };

export type Cell = GridCell | MergedCell | undefined;

export type Grid = {
  /** Sheet name; undefined for CSV. */
  sheet: string | undefined;
  /** rows[i] is spreadsheet row i + 1; sparse (undefined = empty row). */
  rows: Array<Cell[] | undefined>;
};

/** Display text of a cell ("" when empty). */
export function cellText(cell: Cell): string {
  return cell === undefined ? "" : cell.text;
}

export function isBlankCell(cell: Cell): boolean {
  return cell === undefined || (cell.kind !== "number" && cell.kind !== "date" && cell.text.trim() === "");
}

export function isBlankRow(row: Cell[] | undefined): boolean {
  return row === undefined || row.every(isBlankCell);
}

/** Whether an Excel number format shows the value as a percentage (a % outside quotes). */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return numFmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .includes("%");
}

function displayNumber(value: number, percent: boolean): string {
  if (!percent) return String(value);
  return `${Number.parseFloat((value * 100).toPrecision(12))}%`;
}

type Scalar = ExcelJS.CellValue;

function fromScalar(value: Scalar, numFmt: string | undefined, formula?: string): GridCell | undefined {
  const f = formula === undefined ? {} : { formula };
  if (value === null || value === undefined)
    return formula === undefined ? undefined : { kind: "formula", formula, text: `=${formula}` };
  if (typeof value === "number") {
    const percent = isPercentFormat(numFmt);
    return { kind: "number", value, percent, text: displayNumber(value, percent), ...f };
  }
  // The exports prefix text that a spreadsheet would run as a formula with ': read back, it goes.
  if (typeof value === "string") return { kind: "text", text: restoreNeutralised(value), ...f };
  if (typeof value === "boolean") return { kind: "other", text: value ? "TRUE" : "FALSE", ...f };
  if (value instanceof Date) return { kind: "date", date: value, text: value.toISOString().slice(0, 10), ...f };
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) {
      return { kind: "text", text: restoreNeutralised(value.richText.map((r) => r.text).join("")), ...f };
    }
    if ("error" in value) return { kind: "other", text: String(value.error), ...f };
    if ("formula" in value || "sharedFormula" in value) {
      const v = value as { formula?: string; sharedFormula?: string; result?: unknown };
      const text = v.formula ?? v.sharedFormula ?? "";
      const result = v.result;
      // A formula result that is itself an object (error, rich text) is read like a value.
      if (result === undefined || result === null) return { kind: "formula", formula: text, text: `=${text}` };
      return fromScalar(result as Scalar, numFmt, text);
    }
    if ("text" in value && typeof value.text === "string") return { kind: "text", text: value.text, ...f };
    if ("text" in value && typeof value.text === "object" && value.text !== null) {
      const rich = value.text as { richText?: Array<{ text: string }> };
      if (Array.isArray(rich.richText)) return { kind: "text", text: rich.richText.map((r) => r.text).join(""), ...f };
    }
  }
  return { kind: "other", text: String(value), ...f };
}

/** A worksheet's cells, in one pass over the rows exceljs holds. */
export function gridFromWorksheet(ws: ExcelJS.Worksheet): Grid {
  const rows: Grid["rows"] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master.address !== cell.address) {
        const master = fromScalar(cell.master.value, cell.master.numFmt);
        cells[colNumber - 1] = { kind: "merged", text: master === undefined ? "" : master.text };
        return;
      }
      cells[colNumber - 1] = fromScalar(cell.value, cell.numFmt);
    });
    rows[rowNumber - 1] = cells;
  });
  return { sheet: ws.name, rows };
}

/** CSV records as a grid of text cells (numbers are recognised later, per column). */
export function gridFromRecords(records: readonly string[][]): Grid {
  const rows: Grid["rows"] = records.map((record) =>
    record.map((text): Cell => (text === "" ? undefined : { kind: "text", text: restoreNeutralised(text) })),
  );
  return { sheet: undefined, rows };
}
