// 附件1 / 附件2 as the bulletin prints them, as an .xlsx: "附件1" above the title naming the
// month, two header rows with merged group headings, one row per unit, the 注 under the
// table; rates are numbers with a percentage format (85.16% is stored as 0.8516). Laid out
// to print: A4 landscape, one page wide, header rows repeated, frozen panes on screen.
// The header text comes from ANNEX_GROUPS and ANNEX_REPORT_LABELS (lib/indicators/annex-layout.ts).
import ExcelJS from "exceljs";
import { parseMonth } from "@/lib/calendar/month";
import { zhCN } from "@/lib/i18n/zh-CN";
import { ANNEX_GROUPS, ANNEX_REPORT_LABELS, isRateField } from "@/lib/indicators/annex-layout";
import { missingRateBase, NO_BASE_MARK } from "@/lib/indicators/rate-bases";
import { ANNEX_FIELDS, type AnnexField, type UnitKind } from "@/lib/indicators/types";

/**
 * A rate with no base (its base count is 0) shows "—" as on every other surface, while the cell
 * keeps the number the platform exported (0), so that the upload path reads the file back to
 * identical figures: the zero section of a percentage format prints the mark.
 */
const NO_BASE_FORMAT = `0.00%;-0.00%;"${NO_BASE_MARK}"`;

/** One row of an annex: a StatRow fits. */
export type AnnexTableRow = { seq: number; unitName: string } & Record<AnnexField, number>;
export type AnnexTable = { kind: UnitKind; rows: readonly AnnexTableRow[] };
export type AnnexWorkbookInput = {
  /** "YYYY-MM". */
  month: string;
  /** The city in the title; 达州市 by default. */
  city?: string;
  /** One sheet per table, in this order (附件1 then 附件2 for the bulletin). */
  tables: readonly AnnexTable[];
};

export const ANNEX_FONT = "宋体";
const TITLE_FONT = "黑体";

/** "（2021年 6月）": the report's own spacing. */
export function reportMonthText(month: string): string {
  const { year, month: m } = parseMonth(month);
  return `（${year}年 ${m}月）`;
}

export function annexTitle(kind: UnitKind, month: string, city: string = zhCN.app.city): string {
  return ANNEX_REPORT_LABELS[kind].title.replace("{city}", city) + reportMonthText(month);
}

/** Sheet name: "附件1 市级部门" / "附件2 县（市、区）". */
export function annexSheetName(kind: UnitKind): string {
  return `附件${ANNEX_REPORT_LABELS[kind].annex} ${zhCN.import.kinds[kind]}`;
}

/** File name for one annex: "附件1_达州市一体化政务服务平台市级部门运行情况表_2021-06.xlsx". */
export function annexFileName(kind: UnitKind | "both", month: string, city: string = zhCN.app.city): string {
  if (kind === "both") return `${city}一体化政务服务平台运行情况表_附件1-2_${month}.xlsx`;
  const labels = ANNEX_REPORT_LABELS[kind];
  return `附件${labels.annex}_${labels.title.replace("{city}", city)}_${month}.xlsx`;
}

export type HeaderCell = { text: string; row: 0 | 1; col: number; rowSpan: 1 | 2; colSpan: number };

/**
 * The two header rows of an annex as cells with spans (0-based columns): 序号 and the name
 * span both rows, each group heading spans its columns, a single-field group whose heading
 * is its label spans both rows. Used by the .xlsx writer and by anything else that prints
 * the report's header (CSV, tests).
 */
export function annexHeaderCells(kind: UnitKind): HeaderCell[] {
  const labels = ANNEX_REPORT_LABELS[kind];
  const cells: HeaderCell[] = [
    { text: labels.seq, row: 0, col: 0, rowSpan: 2, colSpan: 1 },
    { text: labels.name, row: 0, col: 1, rowSpan: 2, colSpan: 1 },
  ];
  let col = 2;
  for (const { group, fields } of ANNEX_GROUPS) {
    const only = fields.length === 1 ? fields[0]! : null;
    if (only !== null && labels.columns[only] === null) {
      cells.push({ text: labels.groups[group], row: 0, col, rowSpan: 2, colSpan: 1 });
      col++;
      continue;
    }
    cells.push({ text: labels.groups[group], row: 0, col, rowSpan: 1, colSpan: fields.length });
    for (const field of fields) {
      cells.push({ text: labels.columns[field] ?? labels.groups[group], row: 1, col, rowSpan: 1, colSpan: 1 });
      col++;
    }
  }
  return cells;
}

/** Columns: 序号, name, then the 19 fields in the report's order. */
export const ANNEX_COLUMN_FIELDS: readonly AnnexField[] = ANNEX_FIELDS;

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Rows of the sheet layout (1-based). */
const ANNEX_ROW = 1;
const TITLE_ROW = 2;
const HEADER_TOP = 3;
const FIRST_DATA_ROW = HEADER_TOP + 2;

/** Column widths (characters): names are long (市人力资源和社会保障局), figures short. */
function columnWidths(kind: UnitKind): number[] {
  return [5, kind === "DEPARTMENT" ? 24 : 12, ...ANNEX_COLUMN_FIELDS.map(() => 9.5)];
}

/** Adds one annex as a sheet of `workbook`. */
export function addAnnexSheet(
  workbook: ExcelJS.Workbook,
  table: AnnexTable,
  month: string,
  city: string = zhCN.app.city,
): ExcelJS.Worksheet {
  const { kind } = table;
  const labels = ANNEX_REPORT_LABELS[kind];
  const widths = columnWidths(kind);
  const lastCol = widths.length;
  const headerBottom = HEADER_TOP + 1;
  const ws = workbook.addWorksheet(annexSheetName(kind), {
    views: [{ state: "frozen", xSplit: 2, ySplit: headerBottom, activeCell: `C${FIRST_DATA_ROW}` }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_TOP}:${headerBottom}`,
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
  });
  ws.columns = widths.map((width) => ({ width }));

  const annexCell = ws.getCell(ANNEX_ROW, 1);
  annexCell.value = `附件${labels.annex}`;
  annexCell.font = { name: TITLE_FONT, size: 12 };
  ws.mergeCells(ANNEX_ROW, 1, ANNEX_ROW, 2);

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastCol);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = annexTitle(kind, month, city);
  title.font = { name: ANNEX_FONT, size: 16, bold: true };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(TITLE_ROW).height = 30;

  for (const h of annexHeaderCells(kind)) {
    const top = HEADER_TOP + h.row;
    const left = h.col + 1;
    if (h.rowSpan > 1 || h.colSpan > 1) ws.mergeCells(top, left, top + h.rowSpan - 1, left + h.colSpan - 1);
    ws.getCell(top, left).value = h.text;
  }
  for (let r = HEADER_TOP; r <= headerBottom; r++) {
    const row = ws.getRow(r);
    row.height = 33;
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.getCell(c);
      cell.font = { name: ANNEX_FONT, size: 10, bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = THIN;
    }
  }

  let r = FIRST_DATA_ROW;
  let anyNoBase = false;
  for (const unit of table.rows) {
    const row = ws.getRow(r++);
    row.getCell(1).value = unit.seq;
    row.getCell(2).value = unit.unitName;
    ANNEX_COLUMN_FIELDS.forEach((field, i) => {
      const cell = row.getCell(i + 3);
      if (isRateField(field)) {
        cell.value = Number.parseFloat((unit[field] / 100).toPrecision(12));
        const noBase = missingRateBase(unit, field) !== null;
        anyNoBase ||= noBase;
        cell.numFmt = noBase ? NO_BASE_FORMAT : "0.00%";
      } else {
        cell.value = unit[field];
        cell.numFmt = "0";
      }
    });
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.getCell(c);
      cell.font = { name: ANNEX_FONT, size: 10 };
      cell.border = THIN;
      cell.alignment = { horizontal: c === 2 ? "left" : "center", vertical: "middle" };
    }
  }

  // 注: one merged row per note, wrapped; height from the text length against the table width.
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  // What "—" means, after the report's own notes (or as the table's only note).
  const notes = [...labels.footnotes, ...(anyNoBase ? [zhCN.readers.states.noBaseNote] : [])];
  notes.forEach((note, i) => {
    const row = ws.getRow(r++);
    ws.mergeCells(row.number, 1, row.number, lastCol);
    const cell = row.getCell(1);
    cell.value = i === 0 ? `注：${note}` : `　　${note}`;
    cell.font = { name: ANNEX_FONT, size: 9 };
    cell.alignment = { horizontal: "left", vertical: "top", wrapText: true };
    const lines = Math.max(1, Math.ceil((Array.from(String(cell.value)).length * 1.9) / tableWidth));
    row.height = 13 * lines + 2;
  });
  ws.pageSetup.printArea = `A1:${ws.getColumn(lastCol).letter}${r - 1}`;
  return ws;
}

export function buildAnnexWorkbook(input: AnnexWorkbookInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zhCN.app.title;
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const table of input.tables) addAnnexSheet(workbook, table, input.month, input.city);
  return workbook;
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * The annexes as files: one workbook with a sheet per annex ("combined"), or one workbook per
 * annex ("separate").
 */
export async function annexWorkbookFiles(
  input: AnnexWorkbookInput,
  layout: "combined" | "separate" = "combined",
): Promise<Array<{ fileName: string; bytes: Uint8Array }>> {
  if (layout === "combined") {
    const kind = input.tables.length === 1 ? input.tables[0]!.kind : "both";
    return [
      { fileName: annexFileName(kind, input.month, input.city), bytes: await workbookBytes(buildAnnexWorkbook(input)) },
    ];
  }
  const files = [];
  for (const table of input.tables) {
    files.push({
      fileName: annexFileName(table.kind, input.month, input.city),
      bytes: await workbookBytes(buildAnnexWorkbook({ ...input, tables: [table] })),
    });
  }
  return files;
}
