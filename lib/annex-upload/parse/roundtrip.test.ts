// The reference month (2021-06) written in every layout and encoding a monthly file comes in,
// read back: every cell must equal prisma/reference/2021-06.json.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { referenceSummaries } from "@/lib/demo-data/reference-month";
import { ANNEX_FIELDS, REPORTED_SUMMARY_FIELDS } from "@/lib/indicators";
import { annexWorkbookFiles, buildAnnexWorkbook, workbookBytes } from "./annex-workbook";
import { parseUploadFile, parseUploadFiles } from "./parse";
import { templateCsv, templateXlsx } from "./template";
import {
  encode,
  errorsOf,
  expectReferenceUnits,
  MONTH,
  referenceMonth,
  referenceTables,
  reportCsvLines,
  toCsvText,
} from "./test-support";
import type { ParseResult } from "./types";

/** The warnings the reference month itself produces when read: its three negative speed-ups. */
function expectOnlyReferenceWarnings(result: ParseResult) {
  expect(errorsOf(result)).toEqual([]);
  expect(result.problems.map((p) => p.code)).toEqual(["NEGATIVE_SPEEDUP", "NEGATIVE_SPEEDUP", "NEGATIVE_SPEEDUP"]);
  expect(result.problems.map((p) => p.found)).toEqual(["-19.97%", "-75.19%", "-13.53%"]);
}

describe("report layout (.xlsx)", () => {
  test("one workbook with both annexes: every cell equals the JSON", async () => {
    const [file] = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "combined");
    const result = await parseUploadFile({ fileName: file!.fileName, bytes: file!.bytes, expectedMonth: MONTH });
    expect(result.month).toBe(MONTH);
    expectReferenceUnits(result);
    expectOnlyReferenceWarnings(result);
    expect(result.files[0]!.format).toBe("xlsx");
    expect(result.files[0]!.tables.map((t) => [t.sheet, t.layout, t.rows])).toEqual([
      ["附件1 市级部门", "annex", 41],
      ["附件2 县（市、区）", "annex", 8],
    ]);
    expect(result.units[0]!.source).toMatchObject({ file: file!.fileName, sheet: "附件1 市级部门", row: 5 });
  });

  test("one file per annex, read as one upload", async () => {
    const files = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "separate");
    expect(files.map((f) => f.fileName)).toEqual([
      "附件1_达州市一体化政务服务平台市级部门运行情况表_2021-06.xlsx",
      "附件2_达州市一体化政务服务平台县（市、区）运行情况表_2021-06.xlsx",
    ]);
    const result = await parseUploadFiles(files, { expectedMonth: MONTH });
    expectReferenceUnits(result);
    expectOnlyReferenceWarnings(result);
    // And each alone.
    const districts = await parseUploadFile({ ...files[1]!, expectedMonth: MONTH });
    expectReferenceUnits(districts, ["DISTRICT"]);
    expect(errorsOf(districts)).toEqual([]);
  });

  test("header rows without merged cells (group heading in its first cell only), a third header row, 渠 县", async () => {
    const workbook = buildAnnexWorkbook({ month: MONTH, tables: referenceTables() });
    for (const ws of workbook.worksheets) {
      const merges = [...((ws.model as { merges?: string[] }).merges ?? [])];
      for (const range of merges) ws.unMergeCells(range);
      // Unmerged cells keep copies of the master's value in exceljs: blank them as Excel would.
      for (const range of merges) {
        const [from, to] = range.split(":");
        const a = ws.getCell(from!);
        const b = ws.getCell(to!);
        for (let r = Number(a.row); r <= Number(b.row); r++) {
          for (let c = Number(a.col); c <= Number(b.col); c++)
            if (r !== Number(a.row) || c !== Number(a.col)) ws.getCell(r, c).value = null;
        }
      }
      // A third header row above the groups, and stray spaces in names.
      ws.spliceRows(3, 0, ["", "", "全部办件", "", "", "", "", "", "", "线上办件"]);
      ws.eachRow((row) => {
        if (row.getCell(2).value === "渠县") row.getCell(2).value = "渠 县";
        if (row.getCell(2).value === "市公安局") row.getCell(2).value = " 市公安局\n";
      });
    }
    const result = await parseUploadFile({
      fileName: "unmerged.xlsx",
      bytes: await workbookBytes(workbook),
      expectedMonth: MONTH,
    });
    expectReferenceUnits(result);
    expectOnlyReferenceWarnings(result);
  });

  test("both annexes on one sheet, one under the other", async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("6月通报");
    const lines = [...reportCsvLines("DEPARTMENT"), [], ...reportCsvLines("DISTRICT")];
    for (const line of lines) {
      ws.addRow(line.map((text) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text === "" ? null : text)));
    }
    const result = await parseUploadFile({
      fileName: "one-sheet.xlsx",
      bytes: await workbookBytes(workbook),
      expectedMonth: MONTH,
    });
    expectReferenceUnits(result);
    expectOnlyReferenceWarnings(result);
    expect(result.files[0]!.tables.map((t) => t.headerRow)).toEqual([2, 1 + 2 + 41 + 9 + 1 + 1 + 1]);
  });
});

describe("report layout (CSV)", () => {
  const text = toCsvText([...reportCsvLines("DEPARTMENT"), ...reportCsvLines("DISTRICT")]);

  test.each(["gbk", "gb18030", "utf-8-bom", "utf-8", "utf-16le"] as const)(
    "%s: every cell equals the JSON",
    async (encoding) => {
      const result = await parseUploadFile({
        fileName: `2021-06.${encoding}.csv`,
        bytes: encode(text, encoding),
        expectedMonth: MONTH,
      });
      expect(result.files[0]!.encoding).toBe(encoding === "gbk" ? "gb18030" : encoding);
      expectReferenceUnits(result);
      expectOnlyReferenceWarnings(result);
    },
  );

  test("GB18030 beyond GBK (a four-byte character) decodes", async () => {
    const withRare = toCsvText([...reportCsvLines("DISTRICT"), ["注：𠮷 字样"]]);
    const result = await parseUploadFile({ fileName: "rare.csv", bytes: encode(withRare, "gb18030") });
    expect(result.files[0]!.encoding).toBe("gb18030");
    expectReferenceUnits(result, ["DISTRICT"]);
  });

  test("the same bytes decode to identical results whatever the encoding", async () => {
    const results = await Promise.all(
      (["gbk", "gb18030", "utf-8-bom", "utf-8"] as const).map((e) =>
        parseUploadFile({ fileName: "x.csv", bytes: encode(text, e) }),
      ),
    );
    for (const r of results.slice(1)) {
      expect(r.units.map((u) => [u.name, u.kind, u.seq, u.values])).toEqual(
        results[0]!.units.map((u) => [u.name, u.kind, u.seq, u.values]),
      );
    }
  });

  test("labels with spaces, line breaks and full-width characters; names with stray spaces; plain rates; numbers as text", async () => {
    const lines = reportCsvLines("DISTRICT", { rates: "plain" });
    const mangle: Record<string, string> = {
      序号: "序　号",
      地区: " 地 区 ",
      "办件情况（件）": "办件情况\n(件)",
      超时办结: "超时办\r\n结",
      "承诺件办件效率（%）": "承诺件办件效率 （％）",
      "线上承诺件办件情况（件）": "线上承诺件\n办件情况\n（件）",
      办件覆盖度: "办件覆\n盖度",
      主动评价数: "主动\n评价数",
    };
    for (const i of [1, 2]) lines[i] = lines[i]!.map((t) => mangle[t] ?? t);
    for (const line of lines) {
      if (line[1] === "渠县") line[1] = "渠 县";
      if (line[1] === "通川区") line[1] = "\u3000通川区 ";
      if (line[1] === "宣汉县") line[2] = "２６０３４２"; // full-width digits
      if (line[1] === "大竹县") line[2] = "191,551";
    }
    const result = await parseUploadFile({
      fileName: "messy.csv",
      bytes: encode(toCsvText(lines), "gbk"),
      expectedMonth: MONTH,
    });
    expectReferenceUnits(result, ["DISTRICT"]);
    expect(errorsOf(result)).toEqual([]);
  });
});

describe("the flat template, filled with 2021-06", () => {
  const input = {
    month: MONTH,
    units: referenceMonth.rows,
    summary: referenceMonth.summaries,
  };

  function expectReferenceSummary(result: ParseResult) {
    for (const s of referenceSummaries) {
      const expected = Object.fromEntries(REPORTED_SUMMARY_FIELDS.filter((f) => s[f] != null).map((f) => [f, s[f]]));
      expect(result.summary?.[s.scope], s.scope).toEqual(expected);
    }
  }

  function expectExtras(result: ParseResult) {
    for (const row of referenceMonth.rows) {
      const unit = result.units.find((u) => u.name === row.unitName)!;
      expect(unit.activeEvaluationRateReported, row.unitName).toBe(row.activeEvaluationRateReported);
      expect(unit.completedInclBatch).toBe(row.completedInclBatch);
    }
  }

  test(".xlsx (two sheets): units, extras and summary equal the reference", async () => {
    const file = await templateXlsx(input);
    const result = await parseUploadFile({ ...file, expectedMonth: MONTH });
    expectReferenceUnits(result);
    expectExtras(result);
    expectReferenceSummary(result);
    expect(errorsOf(result)).toEqual([]);
    // The evaluation rates above 100% the bulletin states (three named departments, four
    // districts) are shown, not rejected.
    expect(result.problems.filter((p) => p.code === "EVALUATION_RATE_ABOVE_100").map((p) => p.found)).toEqual([
      "238%",
      "118.46%",
      "104.78%",
      "100.38%",
      "101.45%",
      "106.91%",
      "194.71%",
    ]);
  });

  test("CSV (two files, UTF-8 with BOM): the same", async () => {
    const { annex, summary } = templateCsv(input);
    expect(Array.from(annex.bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const result = await parseUploadFiles([annex, summary], { expectedMonth: MONTH });
    expectReferenceUnits(result);
    expectExtras(result);
    expectReferenceSummary(result);
    expect(errorsOf(result)).toEqual([]);
  });

  test("CSV re-saved by Excel in GBK with rates as 85.16%", async () => {
    const { annex } = templateCsv(input);
    const text = new TextDecoder().decode(annex.bytes).replace(/^\uFEFF/, "");
    const resaved = text
      .split("\r\n")
      .map((line, i) => (i < 3 ? line : line.replace(/,(-?\d+\.\d+)(?=,|$)/g, ",$1%")))
      .join("\r\n");
    const result = await parseUploadFile({
      fileName: "resaved.csv",
      bytes: encode(resaved, "gbk"),
      expectedMonth: MONTH,
    });
    expectReferenceUnits(result);
  });

  test("glossary identifiers as the header", async () => {
    const header = ["seq", "kind", "unitName", ...ANNEX_FIELDS];
    const rows = referenceMonth.rows.map((r) => [r.seq, r.kind, r.unitName, ...ANNEX_FIELDS.map((f) => r[f])]);
    const csv = toCsvText([["month", ...Array(header.length - 1).fill("")], header, ...rows]).replace(
      /^month/,
      "2021-06 月度数据",
    );
    const result = await parseUploadFile({ fileName: "ids.csv", bytes: encode(csv, "utf-8"), expectedMonth: MONTH });
    expectReferenceUnits(result);
    expect(errorsOf(result)).toEqual([]);
  });

  test("a 月份 column instead of a title (also as Excel dates)", async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("data");
    ws.addRow(["月份", "单位类型", "单位名称", ...ANNEX_FIELDS]);
    referenceMonth.rows.forEach((r, i) => {
      const month = i % 2 === 0 ? "2021-06" : new Date(Date.UTC(2021, 5, 1));
      ws.addRow([
        month,
        r.kind === "DEPARTMENT" ? "市级部门" : "县（市、区）",
        r.unitName,
        ...ANNEX_FIELDS.map((f) => r[f]),
      ]);
    });
    const result = await parseUploadFile({
      fileName: "month-column.xlsx",
      bytes: await workbookBytes(workbook),
      expectedMonth: MONTH,
    });
    expect(result.month).toBe(MONTH);
    expect(result.units.map((u) => [u.name, u.kind])).toEqual(referenceMonth.rows.map((r) => [r.unitName, r.kind]));
    expect(errorsOf(result)).toEqual([]);
  });
});
