// The malformed corpus: each file is a real file (exceljs writeBuffer, iconv-lite encode, raw
// bytes), generated here from the 2021-06 template or report layout with one fault, and must
// produce its problem code with a message that names the file, sheet, row and column where
// they exist, the value found and what was expected. Nothing is mocked.
import type ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { ANNEX_FIELDS } from "@/lib/indicators";
import { workbookBytes } from "./annex-workbook";
import { parseUploadFile, parseUploadFiles } from "./parse";
import { annexTemplateHeader, buildTemplateWorkbook, summaryTemplateHeader, templateXlsx } from "./template";
import { encode, knownUnits, MONTH, referenceMonth, reportCsvLines, toCsvText } from "./test-support";
import type { AnnexProblemCode, AnnexValidationProblem, UploadFile } from "./types";
import { validateUpload } from "./validate";

const SHEET = "附件数据";
const templateInput = { month: MONTH, units: referenceMonth.rows, summary: referenceMonth.summaries };

/** The filled template workbook with `change` applied to its 附件数据 sheet (data rows start at 4). */
async function xlsx(fileName: string, change: (ws: ExcelJS.Worksheet) => void): Promise<UploadFile> {
  const workbook = buildTemplateWorkbook(templateInput);
  change(workbook.getWorksheet(SHEET)!);
  return { fileName, bytes: await workbookBytes(workbook) };
}

/** The flat template as CSV lines: title, note, header, one line per unit. */
function flatLines(month = "2021年6月"): string[][] {
  return [
    [`达州市一体化政务服务平台运行情况导入模板（${month}）`],
    ["说明：……"],
    annexTemplateHeader(),
    ...referenceMonth.rows.map((r) => [
      String(r.seq),
      r.kind === "DEPARTMENT" ? "市级部门" : "县（市、区）",
      r.unitName,
      ...ANNEX_FIELDS.map((f) => String(r[f])),
      "",
      r.activeEvaluationRateReported === null ? "" : String(r.activeEvaluationRateReported),
    ]),
  ];
}

function csv(fileName: string, lines: string[][], encoding: "gbk" | "utf-8-bom" = "gbk"): UploadFile {
  return { fileName, bytes: encode(toCsvText(lines), encoding) };
}

function withoutColumn(lines: string[][], index: number): string[][] {
  return lines.map((l) => l.filter((_, i) => i !== index));
}

type Case = {
  name: string;
  file: () => Promise<UploadFile> | UploadFile;
  code: AnnexProblemCode;
  severity?: "error" | "warning";
  sheet?: string;
  row?: number;
  letter?: string;
  found?: string;
  /** Fragments the Chinese message must contain (what was expected, mostly). */
  says?: string[];
  expectedMonth?: string;
  limits?: { maxRows?: number; maxBytes?: number; maxUncompressedBytes?: number };
  /** Run validateUpload too (unit directory checks). */
  validate?: boolean;
};

const col = (field: (typeof ANNEX_FIELDS)[number]) => String.fromCharCode(68 + ANNEX_FIELDS.indexOf(field)); // D = first field

const cases: Case[] = [
  {
    name: "a 50 MB file, rejected by size before parsing",
    file: () => ({ fileName: "huge.xlsx", bytes: new Uint8Array(50 * 1024 * 1024) }),
    code: "FILE_TOO_LARGE",
    found: "50 MB",
    says: ["文件大小为 50 MB，超过上限 10 MB"],
  },
  {
    name: "an .xlsx that would unpack beyond the limit, rejected before it is opened",
    file: () => templateXlsx(templateInput),
    limits: { maxUncompressedBytes: 64 * 1024 },
    code: "FILE_TOO_LARGE",
    says: ["（解压后），超过上限 64 KB（解压后）"],
  },
  {
    name: "an empty file",
    file: () => ({ fileName: "empty.csv", bytes: new Uint8Array(0) }),
    code: "EMPTY_FILE",
    found: "0 字节",
  },
  {
    name: "a CSV of blank lines",
    file: () => ({ fileName: "blank.csv", bytes: encode(" \r\n,,,\r\n\r\n", "utf-8") }),
    code: "EMPTY_FILE",
    found: "只有空白字符",
  },
  {
    name: "a truncated .xlsx",
    file: async () => {
      const { bytes } = await templateXlsx(templateInput);
      return { fileName: "truncated.xlsx", bytes: bytes.subarray(0, Math.floor(bytes.length / 2)) };
    },
    code: "UNREADABLE_FILE",
    says: ["可能已损坏或未完整上传", "可用 Excel 打开的工作簿（.xlsx）"],
  },
  {
    name: "a PDF named .xlsx",
    file: () => ({ fileName: "通报.xlsx", bytes: encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "utf-8") }),
    code: "NOT_SPREADSHEET",
    found: "PDF 文档",
  },
  {
    name: "a PNG image",
    file: () => ({
      fileName: "screenshot.csv",
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    }),
    code: "NOT_SPREADSHEET",
    found: "图片",
  },
  {
    name: "an HTML table saved as .xls",
    file: () => ({
      fileName: "export.xls",
      bytes: encode("<html><body><table><tr><td>序号</td></tr></table></body></html>", "utf-8"),
    }),
    code: "NOT_SPREADSHEET",
    found: "网页（HTML）",
  },
  {
    name: "an Excel 97-2003 .xls",
    file: () => ({
      fileName: "old.xls",
      bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Array(504).fill(0)]),
    }),
    code: "UNSUPPORTED_FORMAT",
    says: ["Excel 97-2003", "另存为"],
  },
  {
    name: "an OpenDocument spreadsheet",
    file: () => {
      const head = encode(
        `PK\u0003\u0004${"\u0000".repeat(26)}mimetypeapplication/vnd.oasis.opendocument.spreadsheet`,
        "utf-8",
      );
      return { fileName: "report.ods", bytes: head };
    },
    code: "UNSUPPORTED_FORMAT",
    found: "OpenDocument 表格（.ods）",
  },
  {
    name: "a binary file",
    file: () => ({ fileName: "data.bin", bytes: new Uint8Array(Array.from({ length: 256 }, (_, i) => i)) }),
    code: "NOT_SPREADSHEET",
    found: "二进制文件",
  },
  {
    name: "an unknown layout",
    file: () =>
      csv("people.csv", [
        ["姓名", "年龄"],
        ["张三", "30"],
      ]),
    code: "UNKNOWN_LAYOUT",
    row: 1,
    found: "姓名，年龄",
    says: ["附件1/附件2 的表头"],
  },
  {
    name: "a missing column (template)",
    file: () => csv("no-accepted.csv", withoutColumn(flatLines(), 4)),
    code: "MISSING_COLUMN",
    row: 3,
    says: ["表头中没有“受理件”列"],
  },
  {
    name: "a missing column (report layout, two header rows)",
    file: () => csv("no-accepted-report.csv", withoutColumn(reportCsvLines("DEPARTMENT"), 3)),
    code: "MISSING_COLUMN",
    row: 3,
    says: ["表头中没有“办件情况（件）·受理”列"],
  },
  {
    name: "text where a number belongs",
    file: () => xlsx("text.xlsx", (ws) => (ws.getCell("E5").value = "abc")),
    code: "NOT_A_NUMBER",
    sheet: SHEET,
    row: 5,
    letter: "E",
    found: "abc",
    says: ["E列“受理件”", "应为非负整数（件数）"],
  },
  {
    name: "a dash where a number belongs (CSV)",
    file: () => {
      const lines = flatLines();
      lines[5]![3] = "—";
      return csv("dash.csv", lines);
    },
    code: "NOT_A_NUMBER",
    row: 6,
    letter: "D",
    found: "—",
  },
  {
    name: "a date where a number belongs",
    file: () =>
      xlsx("date.xlsx", (ws) => {
        ws.getCell("D17").value = new Date(Date.UTC(2021, 5, 30));
        ws.getCell("D17").numFmt = "yyyy-mm-dd";
      }),
    code: "NOT_A_NUMBER",
    sheet: SHEET,
    row: 17,
    letter: "D",
    found: "2021-06-30",
  },
  {
    name: "an error value (#DIV/0!)",
    file: () =>
      xlsx(
        "div0.xlsx",
        (ws) => (ws.getCell(`${col("coverageRate")}18`).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue),
      ),
    code: "NOT_A_NUMBER",
    sheet: SHEET,
    row: 18,
    letter: col("coverageRate"),
    found: "#DIV/0!",
    says: ["介于 0～100 的百分比"],
  },
  {
    name: "a fractional count",
    file: () => xlsx("fraction.xlsx", (ws) => (ws.getCell("F6").value = 12.5)),
    code: "NOT_AN_INTEGER",
    sheet: SHEET,
    row: 6,
    letter: "F",
    found: "12.5",
  },
  {
    name: "a negative count",
    file: () => xlsx("negative.xlsx", (ws) => (ws.getCell("D7").value = -3)),
    code: "NEGATIVE_COUNT",
    sheet: SHEET,
    row: 7,
    letter: "D",
    found: "-3",
  },
  {
    name: "a rate above 100% (percentage cell)",
    file: () => xlsx("rate.xlsx", (ws) => (ws.getCell(`${col("earlyCompletionRate")}8`).value = 1.8516)),
    code: "RATE_OUT_OF_RANGE",
    sheet: SHEET,
    row: 8,
    letter: col("earlyCompletionRate"),
    found: "185.16%",
    says: ["介于 0～100 的百分比"],
  },
  {
    name: "a rate above 100% (CSV text)",
    file: () => {
      const lines = flatLines();
      lines[4]![3 + ANNEX_FIELDS.indexOf("coverageRate")] = "120%";
      return csv("rate.csv", lines);
    },
    code: "RATE_OUT_OF_RANGE",
    row: 5,
    found: "120%",
  },
  {
    name: "a speed-up above 100%",
    file: () => xlsx("speedup.xlsx", (ws) => (ws.getCell(`${col("handlingSpeedupRate")}9`).value = "105%")),
    code: "RATE_OUT_OF_RANGE",
    sheet: SHEET,
    row: 9,
    found: "105%",
    says: ["不超过 100 的百分比"],
  },
  {
    name: "an empty cell",
    file: () => xlsx("blank-cell.xlsx", (ws) => (ws.getCell("G9").value = null)),
    code: "MISSING_VALUE",
    sheet: SHEET,
    row: 9,
    letter: "G",
    says: ["单元格为空", "本月无办件请填 0"],
  },
  {
    name: "a formula cell without a stored result",
    file: () =>
      xlsx("formula.xlsx", (ws) => (ws.getCell("D10").value = { formula: "E10*2" } as ExcelJS.CellFormulaValue)),
    code: "FORMULA_WITHOUT_VALUE",
    sheet: SHEET,
    row: 10,
    letter: "D",
    found: "=E10*2",
    says: ["粘贴为数值"],
  },
  {
    name: "a formula cell with its result: taken, with a warning",
    file: () =>
      xlsx("formula-cached.xlsx", (ws) => {
        const accepted = ws.getCell("E11").value as number;
        ws.getCell("D11").value = { formula: "E11", result: accepted } as ExcelJS.CellFormulaValue;
      }),
    code: "FORMULA_CACHED_VALUE",
    severity: "warning",
    sheet: SHEET,
    row: 11,
    letter: "D",
    found: "=E11",
    says: ["有 1 个公式单元格"],
  },
  {
    name: "a unit name holding HTML",
    file: () => xlsx("html-name.xlsx", (ws) => (ws.getCell("C12").value = '<img src=x onerror="alert(1)">市财政局')),
    code: "INVALID_UNIT_NAME",
    sheet: SHEET,
    row: 12,
    letter: "C",
    found: '<img src=x onerror="alert(1)">市财政局',
  },
  {
    name: "figures without a unit name",
    file: () => xlsx("no-name.xlsx", (ws) => (ws.getCell("C13").value = null)),
    code: "MISSING_UNIT_NAME",
    sheet: SHEET,
    row: 13,
    letter: "C",
  },
  {
    name: "an unknown unit type",
    file: () => xlsx("kind.xlsx", (ws) => (ws.getCell("B14").value = "省级部门")),
    code: "INVALID_UNIT_KIND",
    sheet: SHEET,
    row: 14,
    letter: "B",
    found: "省级部门",
    says: ["“市级部门”或“县（市、区）”"],
  },
  {
    name: "the same unit twice",
    file: () => xlsx("twice.xlsx", (ws) => (ws.getCell("C15").value = "市委 宣传部")),
    code: "DUPLICATE_UNIT",
    sheet: SHEET,
    row: 15,
    letter: "C",
    found: "市委宣传部",
    says: ["第一次在文件“twice.xlsx”工作表“附件数据”第4行"],
  },
  {
    name: "an unknown unit, with the closest known names",
    file: () => xlsx("unknown-unit.xlsx", (ws) => (ws.getCell("C16").value = "市公安")),
    validate: true,
    code: "UNKNOWN_UNIT",
    sheet: SHEET,
    row: 16,
    letter: "C",
    found: "市公安",
    says: ["最接近的已知单位：市公安局"],
  },
  {
    name: "no month anywhere",
    file: () =>
      csv("no-title.csv", reportCsvLines("DISTRICT", { title: "达州市一体化政务服务平台县（市、区）运行情况表" })),
    code: "NO_MONTH",
    says: ["没有找到统计月份", "（2021年 6月）"],
  },
  {
    name: "the file's month is not the month chosen",
    file: () => csv("july.csv", flatLines("2021年7月")),
    expectedMonth: MONTH,
    code: "MONTH_MISMATCH",
    row: 1,
    found: "2021年7月",
    says: ["与所选月份 2021年6月 不一致"],
  },
  {
    name: "two months in one file",
    file: () => {
      const lines = flatLines();
      lines[2] = ["月份", ...lines[2]!];
      for (let i = 3; i < lines.length; i++) lines[i] = [i === 10 ? "2021-07" : "2021-06", ...lines[i]!];
      return csv("two-months.csv", lines);
    },
    code: "CONFLICTING_MONTHS",
    row: 11,
    letter: "A",
    found: "2021年7月",
    says: ["与文件“two-months.csv”第1行的 2021年6月 不一致"],
  },
  {
    name: "a month that is not a month",
    file: () => {
      const lines = flatLines();
      lines[2] = ["月份", ...lines[2]!];
      for (let i = 3; i < lines.length; i++) lines[i] = [i === 3 ? "六月" : "", ...lines[i]!];
      return csv("bad-month.csv", lines);
    },
    code: "INVALID_MONTH",
    row: 4,
    letter: "A",
    found: "六月",
  },
  {
    name: "more rows than any month has",
    file: () => {
      const lines = flatLines();
      const row = lines[3]!;
      for (let i = 0; i < 600; i++) lines.push([String(100 + i), row[1]!, `单位${i}`, ...row.slice(3)]);
      return csv("many.csv", lines);
    },
    code: "TOO_MANY_ROWS",
    // Reading stops at the first row past the limit (500 units + 100 other rows).
    found: "不少于 601",
    says: ["超过上限 500 行"],
  },
  {
    name: "more rows than a configured limit, counted while reading",
    file: () => templateXlsx(templateInput),
    limits: { maxRows: 10 },
    code: "TOO_MANY_ROWS",
    sheet: SHEET,
    row: 14,
    found: "49",
    says: ["共有 49 行，超过上限 10 行"],
  },
  {
    name: "a column label that does not say its group",
    file: () => {
      const lines = flatLines();
      lines[2]![5] = "办结";
      return csv("ambiguous.csv", lines);
    },
    code: "AMBIGUOUS_COLUMN",
    row: 3,
    letter: "F",
    found: "办结",
  },
  {
    name: "the same column twice",
    file: () => {
      const lines = flatLines();
      lines[2]![3 + ANNEX_FIELDS.indexOf("onlineApplied")] = "申请件";
      return csv("dup-column.csv", lines);
    },
    code: "DUPLICATE_COLUMN",
    row: 3,
    letter: col("onlineApplied"),
    found: "D列",
  },
  {
    name: "a header without rows",
    file: () => csv("header-only.csv", flatLines().slice(0, 3)),
    code: "NO_DATA_ROWS",
    row: 3,
  },
  {
    name: "an unknown indicator in the summary",
    file: () =>
      csv("summary.csv", [["通报数据（2021年6月）"], summaryTemplateHeader(), ["未知指标", "", "12", "", ""]]),
    code: "UNKNOWN_SUMMARY_FIELD",
    row: 3,
    letter: "A",
    found: "未知指标",
  },
  {
    name: "rates written as fractions without a percent format",
    file: () => {
      const lines = flatLines();
      const c = 3 + ANNEX_FIELDS.indexOf("coverageRate");
      for (let i = 3; i < lines.length; i++) lines[i]![c] = String(Number(lines[i]![c]) / 100);
      return csv("fractions.csv", lines);
    },
    code: "RATE_LOOKS_LIKE_FRACTION",
    severity: "warning",
    row: 4,
    letter: col("coverageRate"),
    found: "0.5",
    says: ["已按 0.5% 读取"],
  },
  {
    name: "a unit row without any figure",
    file: () =>
      xlsx("empty-row.xlsx", (ws) => {
        for (let c = 4; c <= 24; c++) ws.getCell(19, c).value = null;
      }),
    code: "EMPTY_UNIT_ROW",
    severity: "warning",
    sheet: SHEET,
    row: 19,
    found: "市住房和城乡建设局",
  },
];

function expectLocated(p: AnnexValidationProblem, c: Case, fileName: string) {
  expect(p.message).toContain(`文件“${fileName}”`);
  expect(p.messageEn).toContain(`File "${fileName}"`);
  expect(p.file).toBe(fileName);
  if (c.sheet !== undefined) {
    expect(p.sheet).toBe(c.sheet);
    expect(p.message).toContain(`工作表“${c.sheet}”`);
  }
  if (c.row !== undefined) {
    expect(p.row).toBe(c.row);
    expect(p.message).toContain(`第${c.row}行`);
  }
  if (c.letter !== undefined) {
    expect(p.column?.letter).toBe(c.letter);
    expect(p.message).toContain(`${c.letter}列“${p.column!.label}”`);
  }
  if (c.found !== undefined) {
    expect(p.found).toBe(c.found);
    expect(p.message).toContain(c.found);
  }
  for (const fragment of c.says ?? []) expect(p.message).toContain(fragment);
  // A complete sentence, and the English one exists too.
  expect(p.message).toMatch(/。$/);
  expect(p.messageEn).toMatch(/\.$/);
}

describe("malformed files", () => {
  test("the corpus has at least 15 files", () => expect(cases.length).toBeGreaterThanOrEqual(15));

  test.each(cases)("$name → $code", async (c) => {
    const file = await c.file();
    const started = Date.now();
    const parsed = await parseUploadFile({ ...file, expectedMonth: c.expectedMonth, limits: c.limits });
    const problems = c.validate
      ? validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH }).problems
      : parsed.problems;
    const matching = problems.filter((p) => p.code === c.code);
    if (process.env.SHOW_MESSAGES) console.log(matching.map((p) => `${p.message}\n${p.messageEn}`).join("\n"));
    expect(
      matching,
      JSON.stringify(
        problems.map((p) => p.message),
        null,
        1,
      ),
    ).toHaveLength(1);
    const p = matching[0]!;
    expect(p.severity).toBe(c.severity ?? "error");
    expectLocated(p, c, file.fileName);
    if (c.code === "FILE_TOO_LARGE") {
      expect(problems).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });
});

describe("faults that do not stop the rest from being read", () => {
  test("a file with several faults reports each of them, and the other rows still parse", async () => {
    const file = await xlsx("several.xlsx", (ws) => {
      ws.getCell("E5").value = "abc";
      ws.getCell("D7").value = -3;
      ws.getCell("C16").value = "市公安";
    });
    const parsed = await parseUploadFile(file);
    const validation = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH });
    expect(validation.problems.filter((p) => p.severity === "error").map((p) => [p.code, p.row])).toEqual([
      ["NOT_A_NUMBER", 5],
      ["NEGATIVE_COUNT", 7],
      ["UNKNOWN_UNIT", 16],
    ]);
    expect(validation.canPublish).toBe(false);
    expect(parsed.units).toHaveLength(49 - 2);
    expect(parsed.rejectedRows.map((r) => r.name)).toEqual(["市发展和改革委员会", "市教育局"]);
  });

  test("problems from several files name their own file", async () => {
    const good = csv("good.csv", reportCsvLines("DEPARTMENT"));
    const bad = { fileName: "bad.pdf", bytes: encode("%PDF-1.4", "utf-8") };
    const result = await parseUploadFiles([good, bad]);
    expect(result.units).toHaveLength(41);
    expect(result.problems.filter((p) => p.severity === "error").map((p) => [p.code, p.file])).toEqual([
      ["NOT_SPREADSHEET", "bad.pdf"],
    ]);
  });
});
