import { describe, expect, test } from "vitest";
import { previousMonth } from "@/lib/calendar/month";
import type { StatRow } from "@/lib/indicators";
import { annexWorkbookFiles } from "./annex-workbook";
import { parseUploadFile, parseUploadFiles } from "./parse";
import { templateCsv, templateXlsx } from "./template";
import { encode, knownUnits, MONTH, referenceMonth, referenceTables, reportCsvLines, toCsvText } from "./test-support";
import type { ParseResult } from "./types";
import { suggestUnits, toStatInputs, validateUpload } from "./validate";

const templateInput = { month: MONTH, units: referenceMonth.rows, summary: referenceMonth.summaries };

async function referenceTemplate(): Promise<ParseResult> {
  const file = await templateXlsx(templateInput);
  return parseUploadFile(file);
}

function codes(problems: { code: string }[]) {
  const out: Record<string, number> = {};
  for (const p of problems) out[p.code] = (out[p.code] ?? 0) + 1;
  return out;
}

describe("validateUpload on the reference month", () => {
  test("resolves every unit, no errors, and the warnings the bulletin itself deserves", async () => {
    const parsed = await referenceTemplate();
    const result = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH });
    expect(result.errorCount).toBe(0);
    expect(result.canPublish).toBe(true);
    expect(result.units.map((u) => u.code)).toEqual(referenceMonth.rows.map((r) => r.unitCode));
    expect(result.rows).toEqual(referenceMonth.rows);

    const exceeding = referenceMonth.rows.filter((r) => r.completed > r.accepted).map((r) => r.unitName);
    const completedWarnings = result.problems.filter((p) => p.code === "COMPLETED_EXCEEDS_ACCEPTED");
    expect(completedWarnings.map((p) => p.message.match(/第(\d+)行/)![1])).toHaveLength(exceeding.length);
    expect(completedWarnings[0]!.message).toContain("F列“办结件”：办结件 11933 多于受理件 11924");

    // 市本级 and 全市 state one case more than the rows add up to (applied and accepted).
    const totals = result.problems.filter((p) => p.code === "TOTAL_MISMATCH");
    expect(totals.map((p) => p.message.replace(/^.*：/, ""))).toEqual([
      "全市“申请件”通报数为 1048053，各单位行相加为 1048052，相差 1，请确认。",
      "全市“受理件”通报数为 568165，各单位行相加为 568164，相差 1，请确认。",
      "市本级“申请件”通报数为 46016，各单位行相加为 46015，相差 1，请确认。",
      "市本级“受理件”通报数为 38018，各单位行相加为 38017，相差 1，请确认。",
    ]);
    expect(totals[2]).toMatchObject({ sheet: "通报数据", row: 4, column: { letter: "D", label: "市本级" } });

    // Departments' evaluation rates over this month's completions (市税务局 2361 / 992).
    const evaluation = result.problems.filter((p) => p.code === "EVALUATION_RATE_ABOVE_100");
    expect(evaluation.map((p) => p.found)).toContain("238%");
    expect(codes(result.problems)).toEqual({
      NEGATIVE_SPEEDUP: 3,
      EVALUATION_RATE_ABOVE_100: evaluation.length,
      COMPLETED_EXCEEDS_ACCEPTED: exceeding.length,
      TOTAL_MISMATCH: 4,
    });
  });

  test("toStatInputs gives what createMonthVersion takes", async () => {
    const result = validateUpload(await referenceTemplate(), { knownUnits: knownUnits(), expectedMonth: MONTH });
    const ids = new Map(referenceMonth.rows.map((r, i) => [r.unitCode, 100 + i]));
    const stats = toStatInputs(result.units, ids);
    expect(stats).toHaveLength(49);
    expect(stats[7]).toMatchObject({
      unitId: 107,
      seq: 8,
      applied: 11924,
      handlingSpeedupRate: 94.18,
      completedInclBatch: null,
    });
    expect(stats.find((s) => s.unitId === ids.get("x06"))).toMatchObject({ activeEvaluationRateReported: 106.91 });
    expect(result.summaries.find((s) => s.scope === "MUNICIPAL")).toMatchObject({
      applied: 46016,
      promiseSpeedupRate: 86.05,
    });
    expect(() => toStatInputs(result.units, new Map())).toThrow(/no unit id/);
  });
});

describe("units", () => {
  test("suggestions: containment first, then edit distance, at most three", () => {
    const known = knownUnits();
    expect(suggestUnits("市公安", known).map((u) => u.name)[0]).toBe("市公安局");
    expect(suggestUnits("市人力资源社会保障局", known).map((u) => u.name)[0]).toBe("市人力资源和社会保障局");
    expect(suggestUnits("通川", known).map((u) => u.name)[0]).toBe("通川区");
    expect(suggestUnits("大竹", known).map((u) => u.name)[0]).toBe("大竹县");
    expect(suggestUnits("国家统计局上海调查总队", known)).toEqual([]);
    expect(suggestUnits("市局", known).length).toBeLessThanOrEqual(3);
  });

  test("names resolve whatever their spacing or width; kinds are checked against the directory", async () => {
    const lines = reportCsvLines("DISTRICT");
    lines[3 + 5]![1] = "渠 县";
    lines[3 + 1]![1] = "市公安局"; // a department in the county table, instead of 达川区
    const parsed = await parseUploadFile({ fileName: "x.csv", bytes: encode(toCsvText(lines), "gbk") });
    const result = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH });
    expect(result.units.map((u) => u.knownName)).toContain("渠县");
    const mismatch = result.problems.find((p) => p.code === "UNIT_KIND_MISMATCH")!;
    expect(mismatch.message).toBe(
      "文件“x.csv”，第5行，B列“地区”：单位“市公安局”在单位名录中是市级部门，却出现在县（市、区）的表中，请确认。",
    );
    expect(mismatch.severity).toBe("warning");
  });

  test("two names for one unit are a duplicate", async () => {
    const known = [...knownUnits(), { code: "d08", name: "达州市公安局", kind: "DEPARTMENT" as const }];
    const lines = reportCsvLines("DEPARTMENT");
    lines[3 + 9]![1] = "达州市公安局";
    const parsed = await parseUploadFile({ fileName: "x.csv", bytes: encode(toCsvText(lines), "utf-8") });
    const result = validateUpload(parsed, { knownUnits: known, expectedMonth: MONTH });
    const dup = result.problems.filter((p) => p.code === "DUPLICATE_UNIT");
    expect(dup.map((p) => [p.row, p.found, p.expected])).toEqual([[13, "达州市公安局", "文件“x.csv”第11行"]]);
    expect(result.canPublish).toBe(false);
  });

  test("an unknown unit without anything close asks to check the name", async () => {
    const lines = reportCsvLines("DISTRICT");
    lines[3]![1] = "国家统计局上海调查总队";
    const parsed = await parseUploadFile({ fileName: "x.csv", bytes: encode(toCsvText(lines), "utf-8") });
    const p = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH }).problems.find(
      (q) => q.code === "UNKNOWN_UNIT",
    )!;
    expect(p.message).toBe(
      "文件“x.csv”，第4行，B列“地区”：单位“国家统计局上海调查总队”不在单位名录中；请核对名称，或先在单位名录中添加该单位。",
    );
  });
});

describe("month and last month", () => {
  test("the month chosen must be the file's", async () => {
    const parsed = await referenceTemplate();
    const result = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: "2021-07" });
    const p = result.problems.find((q) => q.code === "MONTH_MISMATCH")!;
    expect(p.message).toContain("文件的统计月份为 2021年6月，与所选月份 2021年7月 不一致");
    expect(result.canPublish).toBe(false);
    // Not twice when the parse was told already.
    const told = await parseUploadFile({ ...(await templateXlsx(templateInput)), expectedMonth: "2021-07" });
    expect(
      validateUpload(told, { knownUnits: knownUnits(), expectedMonth: "2021-07" }).problems.filter(
        (q) => q.code === "MONTH_MISMATCH",
      ),
    ).toHaveLength(1);
  });

  function lastMonth(change: (row: StatRow) => Partial<StatRow> = () => ({})): StatRow[] {
    return referenceMonth.rows.map((r) => ({ ...r, ...change(r) }));
  }

  test("units of last month missing now", async () => {
    const files = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "separate");
    const parsed = await parseUploadFiles([files[0]!]);
    const result = validateUpload(parsed, {
      knownUnits: knownUnits(),
      expectedMonth: MONTH,
      previousMonthRows: lastMonth(),
    });
    const missing = result.problems.filter((p) => p.code === "MISSING_PREVIOUS_UNIT");
    expect(missing.map((p) => p.found)).toEqual(referenceMonth.districts.map((r) => r.unitName));
    expect(missing[0]!.message).toBe(
      `文件“${files[0]!.fileName}”：上月有数据的单位“通川区”不在本次上传中，发布后该单位本月将没有数据。`,
    );
    expect(result.canPublish).toBe(true);
  });

  test("month-over-month jumps above the thresholds, and only those", async () => {
    const parsed = await referenceTemplate();
    const previous = lastMonth((r) =>
      r.unitName === "市公安局"
        ? { applied: 2000, coverageRate: 90 }
        : r.unitName === "市税务局"
          ? { applied: 400 } // 992 vs 400: under 3×
          : r.unitName === "市财政局"
            ? { applied: 0 } // 3 vs 0: under the minimum of 100
            : {},
    );
    const result = validateUpload(parsed, {
      knownUnits: knownUnits(),
      expectedMonth: MONTH,
      previousMonthRows: previous,
    });
    const jumps = result.problems.filter((p) => p.code === "MONTH_OVER_MONTH_JUMP");
    expect(jumps.map((p) => p.message.replace(/^.*：/, ""))).toEqual([
      "“申请件”由上月的 2000 变为 11924，变化超过 3 倍，请确认。",
      "“事项办件覆盖率”由上月的 90% 变为 42.86%，变化超过 30 个百分点，请确认。",
    ]);
    expect(jumps[0]).toMatchObject({ row: 11, column: { letter: "D" } });
    const strict = validateUpload(parsed, {
      knownUnits: knownUnits(),
      expectedMonth: MONTH,
      previousMonthRows: previous,
      thresholds: { countFactor: 2 },
    });
    expect(strict.problems.filter((p) => p.code === "MONTH_OVER_MONTH_JUMP")).toHaveLength(3);
    expect(previousMonth(MONTH)).toBe("2021-05");
  });
});

describe("stated totals", () => {
  test("a summary CSV with a wrong total warns, naming the cell", async () => {
    const { annex, summary } = templateCsv({
      ...templateInput,
      summary: {
        ...referenceMonth.summaries,
        DISTRICTS: { ...referenceMonth.summaries.DISTRICTS, completed: 500000, onlineShare: 31.65 },
      },
    });
    const parsed = await parseUploadFiles([annex, summary]);
    const result = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH });
    const districts = result.problems.filter((p) => p.code === "TOTAL_MISMATCH" && p.message.includes("县（市、区）“"));
    expect(districts.map((p) => p.message)).toEqual([
      `文件“${summary.fileName}”，第6行，E列“县（市、区）”：县（市、区）“办结件”通报数为 500000，各单位行相加为 500604，相差 -604，请确认。`,
      `文件“${summary.fileName}”，第13行，E列“县（市、区）”：县（市、区）“线上占比”通报数为 31.65%，各单位行相加为 31.6%，相差 0.05 个百分点，请确认。`,
    ]);
  });

  test("a scope is not compared when the upload has none of its rows", async () => {
    const files = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "separate");
    const { summary } = templateCsv(templateInput);
    const parsed = await parseUploadFiles([files[1]!, summary]);
    const result = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH });
    expect(result.problems.filter((p) => p.code === "TOTAL_MISMATCH")).toEqual([]);
  });
});
