// XLSX files of the annex tables, in the report's layout (lib/annex-upload/parse/annex-workbook.ts: the
// layout the upload path reads back), with every text cell neutralised against formula
// injection by the same function as the CSV exports (lib/export/neutralise.ts).
import type ExcelJS from "exceljs";
import { type AnnexTable, annexFileName, buildAnnexWorkbook, workbookBytes } from "@/lib/annex-upload";
import { neutraliseFormula } from "@/lib/export/neutralise";
import type { StatRow, UnitKind } from "@/lib/indicators/types";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function isRichText(value: ExcelJS.CellValue): value is ExcelJS.CellRichTextValue {
  return typeof value === "object" && value !== null && "richText" in value;
}

/**
 * Makes every text cell of the workbook inert: a string (or rich text) starting with
 * = + - @ gets the ' prefix. Numbers, dates and booleans are left alone; the writers here
 * never write formulas, and any formula cell that got in is replaced by its text.
 */
export function neutraliseWorkbook(workbook: ExcelJS.Workbook): ExcelJS.Workbook {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value;
        if (typeof value === "string") {
          const safe = neutraliseFormula(value);
          if (safe !== value) cell.value = safe;
        } else if (isRichText(value)) {
          const text = value.richText.map((run) => run.text).join("");
          if (neutraliseFormula(text) !== text) cell.value = neutraliseFormula(text);
        } else if (typeof value === "object" && value !== null && "formula" in value) {
          cell.value = neutraliseFormula(`=${String((value as ExcelJS.CellFormulaValue).formula)}`);
        }
      });
    });
  });
  return workbook;
}

export type XlsxFile = { fileName: string; bytes: Uint8Array };

function tablesOf(rows: readonly StatRow[], kinds: readonly UnitKind[]): AnnexTable[] {
  return kinds.map((kind) => ({ kind, rows: rows.filter((row) => row.kind === kind).sort((a, b) => a.seq - b.seq) }));
}

/**
 * 附件1 and/or 附件2 of a month as one workbook (a sheet per annex), in the report's layout:
 * what the bulletin download and the table exports send, and what the upload path reads back
 * to identical figures.
 */
export async function annexXlsx(
  month: string,
  rows: readonly StatRow[],
  kinds: readonly UnitKind[] = ["DEPARTMENT", "DISTRICT"],
  city?: string,
): Promise<XlsxFile> {
  const workbook = neutraliseWorkbook(buildAnnexWorkbook({ month, city, tables: tablesOf(rows, kinds) }));
  const fileName = annexFileName(kinds.length === 1 ? kinds[0]! : "both", month, city);
  return { fileName, bytes: await workbookBytes(workbook) };
}
