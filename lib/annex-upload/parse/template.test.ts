import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { REPORTED_SUMMARY_FIELDS } from "@/lib/indicators";
import { parseUploadFile, parseUploadFiles } from "./parse";
import { annexTemplateHeader, summaryTemplateHeader, templateCsv, templateXlsx } from "./template";
import { knownUnits, MONTH, referenceMonth } from "./test-support";
import { validateUpload } from "./validate";

/** The directory's units, without figures: what the download offers before a month is filled in. */
const blankInput = {
  month: MONTH,
  units: referenceMonth.rows.map(({ seq, unitName, kind }) => ({ seq, unitName, kind })),
};

describe("the template", () => {
  test(".xlsx: 附件数据 pre-filled with the units, 通报数据 with the indicators", async () => {
    const file = await templateXlsx(blankInput);
    expect(file.fileName).toBe("政务服务运行情况导入模板_2021-06.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["附件数据", "通报数据"]);
    const ws = workbook.getWorksheet("附件数据")!;
    expect(ws.getCell("A1").value).toBe("达州市一体化政务服务平台运行情况导入模板（2021年6月）");
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(annexTemplateHeader());
    expect(annexTemplateHeader().slice(0, 6)).toEqual(["序号", "单位类型", "单位名称", "申请件", "受理件", "办结件"]);
    expect(annexTemplateHeader()).toContain("承诺提速率（%）");
    expect((ws.getRow(4).values as unknown[]).slice(1, 4)).toEqual([1, "市级部门", "市委宣传部"]);
    expect((ws.getRow(4 + 48).values as unknown[]).slice(1, 4)).toEqual([8, "县（市、区）", "达州高新区"]);
    expect(ws.getCell("D4").value).toBeNull();
    expect(ws.getCell("J4").numFmt).toBe("0.00%");
    expect(ws.getCell("B4").dataValidation).toMatchObject({ type: "list" });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });

    const ss = workbook.getWorksheet("通报数据")!;
    expect((ss.getRow(3).values as unknown[]).slice(1)).toEqual(summaryTemplateHeader());
    expect(summaryTemplateHeader()).toEqual(["指标", "字段", "全市", "市本级", "县（市、区）"]);
    expect(REPORTED_SUMMARY_FIELDS.map((_, i) => ss.getCell(4 + i, 2).value)).toEqual([...REPORTED_SUMMARY_FIELDS]);
    expect(ss.getCell("A4").value).toBe("申请件");
    expect(ss.getCell(4 + REPORTED_SUMMARY_FIELDS.indexOf("completedInclBatch"), 1).value).toBe(
      "办结件总数（含批量件）",
    );
    expect(ss.getCell(4 + REPORTED_SUMMARY_FIELDS.indexOf("satisfactionRate"), 1).value).toBe("满意率（%）");
  });

  test("an unfilled template reads back as units without figures: warnings, nothing to publish", async () => {
    const parsed = await parseUploadFile(await templateXlsx(blankInput));
    expect(parsed.month).toBe(MONTH);
    expect(parsed.units).toEqual([]);
    expect(parsed.problems.map((p) => p.code)).toEqual(Array(49).fill("EMPTY_UNIT_ROW"));
    const validation = validateUpload(parsed, { knownUnits: knownUnits(), expectedMonth: MONTH });
    expect(validation.canPublish).toBe(false);
  });

  test("CSV: two files, UTF-8 with BOM, the month in the title row", async () => {
    const { annex, summary } = templateCsv(blankInput);
    expect([annex.fileName, summary.fileName]).toEqual([
      "政务服务运行情况导入模板_附件数据_2021-06.csv",
      "政务服务运行情况导入模板_通报数据_2021-06.csv",
    ]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(annex.bytes);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("\uFEFF达州市一体化政务服务平台运行情况导入模板（2021年6月）");
    expect(lines[2]).toBe(annexTemplateHeader().join(","));
    expect(lines[3]).toBe(`1,市级部门,市委宣传部${",".repeat(21)}`);
    expect(new TextDecoder().decode(summary.bytes).split("\r\n")[3]).toBe("申请件,applied,,,");
    // The summary file alone is a valid (summary-only) upload.
    const parsed = await parseUploadFiles([summary]);
    expect(parsed.problems.map((p) => p.message)).toEqual([]);
    expect(parsed.summary).toBeUndefined();
  });
});
