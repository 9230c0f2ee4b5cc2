// Helpers for the importer's tests: the reference month (2021-06) in every shape a file can
// take, written to real bytes (exceljs, iconv-lite), and the comparison against the JSON.
// Test-only; nothing in the app imports this file.
import iconv from "iconv-lite";
import { expect } from "vitest";
import { ANNEX_FIELDS, normalizeUnitName, referenceMonthFromJson, type StatRow, type UnitKind } from "@/lib/indicators";
import { ANNEX_REPORT_LABELS, isRateField } from "@/lib/indicators/annex-layout";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { ANNEX_COLUMN_FIELDS, type AnnexTable, annexHeaderCells, annexTitle } from "./annex-workbook";
import type { ParseResult } from "./types";
import type { KnownUnit } from "./validate";

export const referenceJson = reference;
export const referenceMonth = referenceMonthFromJson(reference);
export const MONTH = referenceMonth.month;

export function referenceTables(): AnnexTable[] {
  return [
    { kind: "DEPARTMENT", rows: referenceMonth.departments },
    { kind: "DISTRICT", rows: referenceMonth.districts },
  ];
}

export function knownUnits(): KnownUnit[] {
  return referenceMonth.rows.map((r) => ({ code: r.unitCode, name: r.unitName, kind: r.kind, seq: r.seq }));
}

/**
 * Every cell of the JSON's annexes equals what was parsed: name, kind, 序号 and the 19 figures,
 * compared exactly; and nothing else was parsed.
 */
export function expectReferenceUnits(result: ParseResult, kinds: UnitKind[] = ["DEPARTMENT", "DISTRICT"]) {
  const expected = [
    ...(kinds.includes("DEPARTMENT")
      ? reference.annex1_departments.map((r) => ({ r, kind: "DEPARTMENT" as const }))
      : []),
    ...(kinds.includes("DISTRICT") ? reference.annex2_districts.map((r) => ({ r, kind: "DISTRICT" as const })) : []),
  ];
  expect(result.units.map((u) => u.name)).toEqual(expected.map(({ r }) => normalizeUnitName(r.name)));
  expected.forEach(({ r, kind }, i) => {
    const unit = result.units[i]!;
    expect(unit.kind, unit.name).toBe(kind);
    expect(unit.seq, unit.name).toBe(r.seq);
    for (const field of ANNEX_FIELDS) expect(unit.values[field], `${unit.name} ${field}`).toBe(r[field]);
  });
}

export function errorsOf(result: { problems: ParseResult["problems"] }) {
  return result.problems.filter((p) => p.severity === "error");
}

/** A CSV line, quoted where needed. */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return cells
    .map((c) => {
      const s = c === null || c === undefined ? "" : String(c);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

export type ReportCsvOptions = {
  /** Rates as "85.16%" (Excel's CSV of a percentage cell) or "85.16". */
  rates?: "percent" | "plain";
  title?: string | null;
  footnotes?: boolean;
  rows?: readonly StatRow[];
};

/** One annex in the report's layout as CSV text: title, two header rows (merged cells blank), rows, 注. */
export function reportCsvLines(kind: UnitKind, options: ReportCsvOptions = {}): string[][] {
  const width = 2 + ANNEX_COLUMN_FIELDS.length;
  const header: string[][] = [Array(width).fill(""), Array(width).fill("")];
  for (const h of annexHeaderCells(kind)) header[h.row]![h.col] = h.text;
  const rows = options.rows ?? (kind === "DEPARTMENT" ? referenceMonth.departments : referenceMonth.districts);
  const out: string[][] = [];
  const title = options.title === undefined ? annexTitle(kind, MONTH) : options.title;
  if (title !== null) out.push([title]);
  out.push(...header);
  for (const row of rows) {
    out.push([
      String(row.seq),
      row.unitName,
      ...ANNEX_COLUMN_FIELDS.map((f) =>
        isRateField(f) ? (options.rates === "plain" ? `${row[f]}` : `${row[f].toFixed(2)}%`) : String(row[f]),
      ),
    ]);
  }
  if (options.footnotes ?? true) {
    for (const [i, note] of ANNEX_REPORT_LABELS[kind].footnotes.entries())
      out.push([i === 0 ? `注：${note}` : `　　${note}`]);
  }
  return out;
}

export function toCsvText(lines: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return `${lines.map(csvLine).join("\r\n")}\r\n`;
}

export function encode(text: string, encoding: "utf-8" | "utf-8-bom" | "gbk" | "gb18030" | "utf-16le"): Uint8Array {
  switch (encoding) {
    case "utf-8":
      return new TextEncoder().encode(text);
    case "utf-8-bom":
      return new TextEncoder().encode(`\uFEFF${text}`);
    case "utf-16le":
      return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]));
    default:
      return new Uint8Array(iconv.encode(text, encoding));
  }
}
