import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "@/lib/calendar/working-days";
import type { CaseRecord, EvaluationRecord } from "./definitions";
import { type CatalogueRecord, parseCaseFiles, parseTime } from "./parse";
import type { CaseValidationProblem } from "./validation-problems";

const dir = mkdtempSync(path.join(tmpdir(), "cases-parse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const calendar = new WorkingDayCalendar(2016, 2022);
const units = [
  { id: 1, name: "市公安局" },
  { id: 2, name: "宣汉县", aliases: ["宣汉"] },
];

function write(name: string, data: string | Buffer): { path: string; name: string } {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return { path: p, name };
}

async function parse(files: { path: string; name: string }[]) {
  const cases: CaseRecord[] = [];
  const evaluations: EvaluationRecord[] = [];
  const items: CatalogueRecord[] = [];
  const rowProblems: CaseValidationProblem[] = [];
  const summary = await parseCaseFiles(
    files,
    { case: (c) => void cases.push(c), evaluation: (e) => void evaluations.push(e), item: (i) => void items.push(i) },
    { month: "2021-06", units, calendar, onRowProblem: (p) => rowProblems.push(p) },
  );
  return { summary, cases, evaluations, items, rowProblems };
}

const CASE_HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间,申请人姓名,证件号码,联系电话";
const CATALOGUE =
  "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\nA1,户籍迁移,市公安局,承诺件,20,5,在用\nB1,低保,宣汉县,即办件,,,在用\nC1,旧事项,宣汉县,承诺件,10,3,停用\n";
const EVALUATIONS =
  "评价编号,办件编号,实施主体,评价时间,评价等级,评价类型\nE1,C1,市公安局,2021-06-20 10:00:00,非常满意,主动评价\nE2,OLD-CASE,宣汉县,2021-06-02 10:00:00,不满意,默认评价\n";

describe("parseTime", () => {
  it("accepts the platform's format and usual variants, refuses impossible dates", () => {
    expect(parseTime("2021-06-11 09:05:00")).toBe("2021-06-11 09:05:00");
    expect(parseTime("2021/6/1 9:05")).toBe("2021-06-01 09:05:00");
    expect(parseTime("2021-06-01")).toBe("2021-06-01 00:00:00");
    expect(parseTime("2021-02-29 10:00:00")).toBeNull();
    expect(parseTime("2021-06-31 10:00:00")).toBeNull();
    expect(parseTime("昨天")).toBeNull();
  });
});

describe("parseCaseFiles", () => {
  it("reads a GBK case CSV, an XLSX catalogue and a gzipped evaluations CSV; drops personal data", async () => {
    const caseCsv =
      `${CASE_HEADER}\n` +
      "C1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,2021-06-15 10:00:00,张三,510000199001011234,13800000000\n" +
      "C2,B1,低保,宣汉,即办件,,,窗口申请,是,2021-06-01 09:00:00,2021-06-01 09:00:00,2021-06-01 10:00:00,李四,,\n" +
      "C3,ZZ9,不在清单的事项,宣汉县,即办件,1,,窗口申请,否,2021-05-31 09:00:00,2021-06-01 09:00:00,,,,\n";
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("实施清单");
    for (const line of CATALOGUE.trim().split("\n"))
      sheet.addRow(line.split(",").map((v) => (/^\d+$/.test(v) ? Number(v) : v)));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const { summary, cases, evaluations, items, rowProblems } = await parse([
      write("办件明细.csv", iconv.encode(caseCsv, "gbk")),
      write("实施清单.xlsx", xlsx),
      write("好差评.csv.gz", gzipSync(Buffer.from(EVALUATIONS))),
    ]);
    expect(rowProblems.filter((p) => p.severity === "error")).toEqual([]);
    expect(summary.problems.errorCount).toBe(0);
    const caseFile = summary.files.find((f) => f.kind === "cases")!;
    expect(caseFile.encoding).toBe("gb18030");
    expect(caseFile.droppedColumns).toEqual(["申请人姓名", "证件号码", "联系电话"]);
    expect(summary.problems.summaries().map((s) => s.code)).toContain("PERSONAL_DATA_DROPPED");
    expect(summary.files.find((f) => f.kind === "evaluations")!.format).toBe("csv.gz");
    expect(cases).toHaveLength(3);
    expect(cases[0]).toMatchObject({
      caseNo: "C1",
      unitId: 1,
      caseKind: "PROMISED",
      channel: "ONLINE",
      isBatch: false,
      elapsedDays: 1,
    });
    expect(cases[1]).toMatchObject({ unitId: 2, isBatch: true, elapsedDays: 0, legalDays: null });
    // no personal data anywhere in what is kept
    expect(JSON.stringify(cases)).not.toMatch(/张三|5100001990|13800000000/);
    expect(evaluations.map((e) => [e.level, e.kind])).toEqual([
      [1, "ACTIVE"],
      [4, "DEFAULT"],
    ]);
    // the catalogue's 3 items, plus the unknown code seen in the cases (warned, kept out of coverage)
    expect(items.map((i) => [i.itemCode, i.inUse, i.inCatalogue])).toEqual([
      ["A1", true, true],
      ["B1", true, true],
      ["C1", false, true],
      ["ZZ9", false, false],
    ]);
    expect(summary.problems.count("UNKNOWN_ITEM_CODE")).toBe(1);
  });

  it("names every bad row with its row and column, in Chinese", async () => {
    const bad =
      `${CASE_HEADER}\n` +
      "D1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-15 10:00:00,2021-06-11 10:00:00,,,\n" + // 办结 before 受理
      "D2,A1,户籍迁移,市民政局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,,,,\n" + // unknown unit
      "D3,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,,,,\n" +
      "D3,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,,,,\n" + // duplicate
      "D4,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-05-11 09:00:00,2021-05-11 10:00:00,2021-05-12 10:00:00,,,\n" + // outside month
      "D5,A1,户籍迁移,市公安局,加急件,20,5,邮寄,也许,2021-06-11 09:00:00,,,,,\n" + // three bad enumerations
      "D6,A1,户籍迁移,市公安局,承诺件,二十,5,网上申请,否,2021-06-32 09:00:00,,,,,\n"; // bad days, bad time
    const bytes = Buffer.concat([
      Buffer.from(bad),
      Buffer.from("D7,A1,"),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from(",市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,,,,,\n"),
    ]);
    const { summary, cases, rowProblems } = await parse([write("bad.csv", bytes)]);
    expect(cases.map((c) => c.caseNo)).toEqual(["D3"]);
    const at = (code: string) => rowProblems.filter((p) => p.code === code).map((p) => [p.row, p.column?.letter]);
    expect(at("COMPLETED_BEFORE_ACCEPTED")).toEqual([[2, "L"]]);
    expect(at("UNKNOWN_UNIT")).toEqual([[3, "D"]]);
    expect(at("DUPLICATE_CASE_NO")).toEqual([[5, "A"]]);
    expect(at("OUTSIDE_MONTH")).toEqual([[6, "K"]]);
    expect(at("INVALID_VALUE")).toEqual([
      [7, "E"],
      [7, "H"],
      [7, "I"],
    ]);
    expect(at("INVALID_DAYS")).toEqual([[8, "F"]]);
    expect(at("INVALID_TIME")).toEqual([[8, "J"]]);
    expect(at("BROKEN_ENCODING")).toEqual([[9, "C"]]);
    const message = rowProblems.find((p) => p.code === "COMPLETED_BEFORE_ACCEPTED")!.message;
    expect(message).toBe(
      "文件“bad.csv”，第 2 行，“办结时间”列（L 列）：办结时间 2021-06-11 10:00:00 早于受理时间 2021-06-15 10:00:00。",
    );
    expect(summary.unknownUnits).toEqual({ 市民政局: 1 });
    expect(summary.problems.errorCount).toBeGreaterThan(0);
  });

  it("finds columns by their usual variants and refuses a file missing a required one", async () => {
    const variant =
      "业务流水号,实施编码,实施机构,事项类型,法定时限,承诺时限,申报方式,是否批量,申报时间,受理时间,办结日期\n" +
      "V1,A1,市公安局,即办件,1,0,线上,否,2021-06-01 09:00,2021-06-01 09:10,2021-06-01 09:20\n";
    const ok = await parse([write("variant.csv", variant)]);
    expect(ok.cases).toHaveLength(1);
    expect(ok.summary.problems.errorCount).toBe(0);

    const missing = await parse([
      write("missing.csv", "办件编号,事项编码,实施主体,受理时间\nX,A1,市公安局,2021-06-01 09:00:00\n"),
    ]);
    expect(missing.summary.problems.summaries().find((s) => s.code === "MISSING_COLUMN")!.count).toBeGreaterThanOrEqual(
      5,
    );
    expect(missing.cases).toHaveLength(0);
  });
});

/** A .zip with its entries stored (no compression): enough to test reading archives. */
function storedZip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

describe("a .zip of the three files", () => {
  it("reads every entry as a file of its own", async () => {
    const cases = `${CASE_HEADER}\nZ1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-11 09:00:00,2021-06-11 10:00:00,2021-06-15 10:00:00,,,\n`;
    const zip = storedZip([
      { name: "办件明细.csv", data: Buffer.from(cases) },
      { name: "实施清单.csv", data: iconv.encode(CATALOGUE, "gbk") },
      { name: "好差评.csv.gz", data: gzipSync(Buffer.from(EVALUATIONS)) },
    ]);
    const { summary, cases: read, evaluations, items } = await parse([write("month.zip", zip)]);
    expect(summary.problems.errorCount).toBe(0);
    expect(summary.files.map((f) => [f.file, f.kind, f.format, f.encoding ?? null])).toEqual([
      ["month.zip/办件明细.csv", "cases", "csv", "utf-8"],
      ["month.zip/实施清单.csv", "catalogue", "csv", "gb18030"],
      ["month.zip/好差评.csv.gz", "evaluations", "csv.gz", "utf-8"],
    ]);
    expect(read.map((c) => c.caseNo)).toEqual(["Z1"]);
    expect(evaluations).toHaveLength(2);
    expect(items).toHaveLength(3);
  });
});

describe("headers another platform labels its own way (what the admin is offered to map)", () => {
  it("a case file whose 办件编号 is labelled otherwise is still a case file, lacking the column; its unknown labels are offered", async () => {
    const header = CASE_HEADER.replace("办件编号", "件号");
    const { summary, cases } = await parse([
      write(
        "cases-other.csv",
        `${header}\nC1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-01 09:00:00,2021-06-01 10:00:00,,张三,1,2\n`,
      ),
    ]);
    const file = summary.files[0]!;
    expect(file).toMatchObject({ kind: "cases", missingColumns: ["caseNo"], ignoredColumns: ["件号"] });
    expect(cases).toEqual([]);
    const { mappingNeeds } = await import("../upload/mapping");
    const needs = mappingNeeds({
      ...summary,
      errorCount: 1,
      warningCount: 0,
      problems: [],
      coveragePeriod: "month",
      timings: {},
    });
    expect(needs.files).toEqual([
      {
        file: "cases-other.csv",
        kind: "cases",
        row: 1,
        labels: ["件号"],
        missing: ["caseNo"],
        choices: ["caseNo", "itemName", "legalDays"],
      },
    ]);
  });

  it("a file with no recognisable header keeps its fullest first row (personal data and known labels not offered)", async () => {
    const { summary } = await parse([
      write("unknown.csv", "导出时间：2021-07-01\n流水,名称,申请人姓名,部门\n1,a,张三,市公安局\n"),
    ]);
    expect(summary.files[0]).toMatchObject({
      kind: null,
      headerCandidate: { row: 2, labels: ["流水", "名称", "申请人姓名", "部门"] },
    });
    expect(summary.problems.count("UNKNOWN_FILE_KIND")).toBe(1);
    const { mappingNeeds } = await import("../upload/mapping");
    const needs = mappingNeeds({
      ...summary,
      errorCount: 1,
      warningCount: 0,
      problems: [],
      coveragePeriod: "month",
      timings: {},
    });
    expect(needs.files[0]).toMatchObject({ kind: null, row: 2, labels: ["流水", "名称", "部门"] });
    expect(needs.files[0]!.choices).toEqual(expect.arrayContaining(["caseNo", "evaluationNo", "itemStatus"]));
  });

  it("remembered header mappings are applied (labelKey → column)", async () => {
    const header = CASE_HEADER.replace("办件编号", "件号");
    const file = write(
      "cases-mapped.csv",
      `${header}\nC1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-01 09:00:00,2021-06-01 10:00:00,,张三,1,2\n`,
    );
    const cases: CaseRecord[] = [];
    const summary = await parseCaseFiles(
      [file],
      { case: (c) => void cases.push(c), evaluation: () => {}, item: () => {} },
      {
        month: "2021-06",
        units,
        calendar,
        columnAliases: new Map([["件号", "caseNo"]]),
      },
    );
    expect(summary.files[0]).toMatchObject({ kind: "cases", ignoredColumns: [] });
    expect(cases.map((c) => c.caseNo)).toEqual(["C1"]);
  });
});
