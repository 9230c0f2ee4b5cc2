// The upload template: a flat layout anyone can fill in, pre-filled with the current units.
//
// .xlsx: sheet 附件数据 — a title naming the month, a note, then ONE header row: 序号,
// 单位类型, 单位名称, the 19 annex fields (Chinese labels; rates marked （%）) and two optional
// columns the bulletin's text states per unit (办结件总数（含批量件）, 主动评价率（通报数）);
// sheet 通报数据 — the figures only the bulletin's text states, one row per indicator
// (REPORTED_SUMMARY_FIELDS, Chinese label plus its identifier), one column per scope
// (全市 / 市本级 / 县（市、区）).
//
// CSV: the same two tables as two files (UTF-8 with a byte-order mark, so Excel opens them in
// Chinese): a CSV holds one table, and the summary figures are optional, so the second file
// is uploaded only when there is something to state. The month is in each file's title row,
// not in a date-like cell, because Excel turns a cell such as 2021-06 into a date when it
// opens a CSV.
import ExcelJS from "exceljs";
import { formatMonthLabel } from "@/lib/calendar/month";
import { toCsv } from "@/lib/export/csv";
import { zhCN } from "@/lib/i18n/zh-CN";
import { isRateField, UNIT_EXTRA_COLUMNS } from "@/lib/indicators/annex-columns";
import {
  ANNEX_FIELDS,
  type AnnexField,
  REPORTED_SUMMARY_FIELDS,
  type ReportedSummary,
  type SummaryScope,
  type UnitKind,
} from "@/lib/indicators/types";
import { ANNEX_FONT, workbookBytes } from "./annex-workbook";
import { EXTRA_FIELDS, type ExtraField, isSummaryCount, summaryFieldLabel } from "./labels";

const t = zhCN.import.template;

/** One unit of the template; a StatRow fits (its figures pre-fill the row). */
export type TemplateUnit = { seq: number; unitName: string; kind: UnitKind } & Partial<Record<AnnexField, number>> &
  Partial<Record<ExtraField, number | null>>;

export type TemplateSummary = Partial<Record<SummaryScope, Partial<Omit<ReportedSummary, "scope">>>>;

export type TemplateInput = {
  month: string;
  city?: string;
  /** In the order they should appear: departments then districts, each by 序号. */
  units: readonly TemplateUnit[];
  summary?: TemplateSummary;
};

export const SUMMARY_SCOPES: readonly SummaryScope[] = ["CITY", "MUNICIPAL", "DISTRICTS"];

export type TemplateFile = { fileName: string; bytes: Uint8Array };

/** Header of 附件数据, in column order. */
export function annexTemplateHeader(): string[] {
  return [
    t.seq,
    t.kind,
    t.name,
    ...ANNEX_FIELDS.map((f) => (isRateField(f) ? `${zhCN.fields[f]}（%）` : zhCN.fields[f])),
    `${zhCN.import.fields.completedInclBatch}${t.optional}`,
    `${zhCN.import.fields.activeEvaluationRateReported}（%）${t.optional}`,
  ];
}

/** Header of 通报数据. */
export function summaryTemplateHeader(): string[] {
  return [t.indicator, t.fieldId, ...SUMMARY_SCOPES.map((s) => zhCN.import.scopes[s])];
}

function summaryLabel(field: (typeof REPORTED_SUMMARY_FIELDS)[number]): string {
  return isSummaryCount(field) ? summaryFieldLabel(field) : `${summaryFieldLabel(field)}（%）`;
}

function title(template: string, input: TemplateInput): string {
  return template.replace("{city}", input.city ?? zhCN.app.city).replace("{month}", formatMonthLabel(input.month));
}

export function templateFileName(month: string, part?: "annex" | "summary"): string {
  const base = "政务服务运行情况导入模板";
  if (!part) return `${base}_${month}.xlsx`;
  return `${base}_${part === "annex" ? t.annexSheet : t.summarySheet}_${month}.csv`;
}

type Value = number | null | undefined;

function annexRows(input: TemplateInput): Array<Array<string | number | null>> {
  return input.units.map((u) => [
    u.seq,
    zhCN.import.kinds[u.kind],
    u.unitName,
    ...ANNEX_FIELDS.map((f) => (u[f] as Value) ?? null),
    ...EXTRA_FIELDS.map((f) => u[f] ?? null),
  ]);
}

function summaryRows(input: TemplateInput): Array<Array<string | number | null>> {
  return REPORTED_SUMMARY_FIELDS.map((field) => [
    summaryLabel(field),
    field,
    ...SUMMARY_SCOPES.map((scope) => (input.summary?.[scope]?.[field] as Value) ?? null),
  ]);
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Spare rows below the units that keep the template's formats and checks (a new unit). */
const SPARE_ROWS = 20;

function styleTitle(ws: ExcelJS.Worksheet, text: string, note: string, width: number) {
  ws.mergeCells(1, 1, 1, width);
  const cell = ws.getCell(1, 1);
  cell.value = text;
  cell.font = { name: ANNEX_FONT, size: 14, bold: true };
  cell.alignment = { horizontal: "left", vertical: "middle" };
  ws.getRow(1).height = 24;
  ws.mergeCells(2, 1, 2, width);
  const noteCell = ws.getCell(2, 1);
  noteCell.value = note;
  noteCell.font = { name: ANNEX_FONT, size: 9, color: { argb: "FF555555" } };
  noteCell.alignment = { wrapText: true, vertical: "top" };
  ws.getRow(2).height = 28;
}

function styleHeader(row: ExcelJS.Row, width: number) {
  row.height = 45;
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = { name: ANNEX_FONT, size: 10, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = THIN;
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFF3F8" } };
  }
}

/** Percentages are stored as Excel percentages (85.16% → 0.8516), formatted 0.00%. */
function setFigure(cell: ExcelJS.Cell, value: Value, rate: boolean) {
  cell.numFmt = rate ? "0.00%" : "0";
  if (value === null || value === undefined) return;
  cell.value = rate ? Number.parseFloat((value / 100).toPrecision(12)) : value;
}

const HEADER_ROW = 3;

export function buildTemplateWorkbook(input: TemplateInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = zhCN.app.title;
  workbook.created = new Date(0);
  workbook.modified = new Date(0);

  // 附件数据
  const header = annexTemplateHeader();
  const width = header.length;
  const ws = workbook.addWorksheet(t.annexSheet, {
    views: [{ state: "frozen", xSplit: 3, ySplit: HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = header.map((_, i) => ({
    width: i === 0 ? 6 : i === 1 ? 12 : i === 2 ? 24 : i >= width - EXTRA_FIELDS.length ? 15 : 11,
  }));
  styleTitle(ws, title(t.annexTitle, input), t.annexNote, width);
  ws.getRow(HEADER_ROW).values = header;
  styleHeader(ws.getRow(HEADER_ROW), width);
  const rates = [...ANNEX_FIELDS.map((f) => isRateField(f)), ...UNIT_EXTRA_COLUMNS.map((c) => c.kind === "rate")];
  const rows = annexRows(input);
  const kindList = `"${zhCN.import.kinds.DEPARTMENT},${zhCN.import.kinds.DISTRICT}"`;
  for (let i = 0; i < rows.length + SPARE_ROWS; i++) {
    const values = rows[i];
    const row = ws.getRow(HEADER_ROW + 1 + i);
    if (values) {
      row.getCell(1).value = values[0]!;
      row.getCell(2).value = values[1]!;
      row.getCell(3).value = values[2]!;
    }
    row.getCell(2).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [kindList],
      showErrorMessage: true,
      errorTitle: t.kind,
      error: zhCN.import.expected.kind,
    };
    for (let c = 4; c <= width; c++) {
      const cell = row.getCell(c);
      setFigure(cell, values ? (values[c - 1] as Value) : null, rates[c - 4]!);
      if (!rates[c - 4]) {
        cell.dataValidation = {
          type: "whole",
          operator: "greaterThanOrEqual",
          allowBlank: true,
          formulae: [0],
          showErrorMessage: true,
          error: zhCN.import.expected.count,
        };
      }
    }
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { name: ANNEX_FONT, size: 10 };
      if (values) cell.border = THIN;
    }
  }

  // 通报数据
  const sHeader = summaryTemplateHeader();
  const ss = workbook.addWorksheet(t.summarySheet, { views: [{ state: "frozen", xSplit: 2, ySplit: HEADER_ROW }] });
  ss.columns = [{ width: 26 }, { width: 26 }, { width: 14 }, { width: 14 }, { width: 14 }];
  styleTitle(ss, title(t.summaryTitle, input), t.summaryNote, sHeader.length);
  ss.getRow(HEADER_ROW).values = sHeader;
  styleHeader(ss.getRow(HEADER_ROW), sHeader.length);
  summaryRows(input).forEach((values, i) => {
    const field = REPORTED_SUMMARY_FIELDS[i]!;
    const row = ss.getRow(HEADER_ROW + 1 + i);
    row.getCell(1).value = values[0]!;
    row.getCell(2).value = values[1]!;
    row.getCell(2).font = { name: "Consolas", size: 9, color: { argb: "FF777777" } };
    for (let c = 3; c <= sHeader.length; c++) setFigure(row.getCell(c), values[c - 1] as Value, !isSummaryCount(field));
    for (let c = 1; c <= sHeader.length; c++) {
      const cell = row.getCell(c);
      if (c !== 2) cell.font = { name: ANNEX_FONT, size: 10 };
      cell.border = THIN;
    }
  });
  return workbook;
}

export async function templateXlsx(input: TemplateInput): Promise<TemplateFile> {
  return { fileName: templateFileName(input.month), bytes: await workbookBytes(buildTemplateWorkbook(input)) };
}

const encoder = new TextEncoder();

/** The template as two CSV files (UTF-8 with BOM): 附件数据 and 通报数据. Percentages as plain numbers (85.16). */
export function templateCsv(input: TemplateInput): { annex: TemplateFile; summary: TemplateFile } {
  const annex = toCsv([title(t.annexTitle, input)], [[t.annexNote], annexTemplateHeader(), ...annexRows(input)]);
  const summary = toCsv(
    [title(t.summaryTitle, input)],
    [[t.summaryNote], summaryTemplateHeader(), ...summaryRows(input)],
  );
  return {
    annex: { fileName: templateFileName(input.month, "annex"), bytes: encoder.encode(annex) },
    summary: { fileName: templateFileName(input.month, "summary"), bytes: encoder.encode(summary) },
  };
}
