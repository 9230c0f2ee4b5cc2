// The report-layout workbook: what a person opening it sees (title, merged headings, 注,
// percentage cells) and how it prints. Read back with exceljs from the written bytes.
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { ANNEX_REPORT_LABELS } from "@/lib/indicators/annex-layout";
import { annexFileName, annexTitle, annexWorkbookFiles, buildAnnexWorkbook, workbookBytes } from "./annex-workbook";
import { MONTH, referenceTables } from "./test-support";

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

const merges = (ws: ExcelJS.Worksheet) => [...((ws.model as { merges?: string[] }).merges ?? [])].sort();

describe("the report-layout workbook", async () => {
  const workbook = await readBack(await workbookBytes(buildAnnexWorkbook({ month: MONTH, tables: referenceTables() })));
  const [annex1, annex2] = workbook.worksheets;

  test("two sheets, titled as the bulletin titles them", () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(["附件1 市级部门", "附件2 县（市、区）"]);
    expect(annex1!.getCell("A1").value).toBe("附件1");
    expect(annex1!.getCell("A2").value).toBe("达州市一体化政务服务平台市级部门运行情况表（2021年 6月）");
    expect(annex2!.getCell("A2").value).toBe("达州市一体化政务服务平台县（市、区）运行情况表（2021年 6月）");
    expect(annexTitle("DISTRICT", "2021-11", "某市")).toBe(
      "某市一体化政务服务平台县（市、区）运行情况表（2021年 11月）",
    );
  });

  test("附件1: two header rows with merged group headings, as printed", () => {
    const row3 = (annex1!.getRow(3).values as unknown[]).slice(1);
    const row4 = (annex1!.getRow(4).values as unknown[]).slice(1);
    expect(row3.filter((v, i) => v !== row3[i - 1])).toEqual([
      "序号",
      "部门",
      "办件情况（件）",
      "承诺件办件情况（件）",
      "承诺件办件效率（%）",
      "线上办件情况（件）",
      "线上承诺件办件情况（件）",
      "线上承诺办件效率（%）",
      "办件主动评价数",
      "事项办件覆盖率",
    ]);
    expect(row4).toEqual([
      "序号",
      "部门",
      "申请",
      "受理",
      "办结",
      "超时办结",
      "办结",
      "超时办结",
      "承诺提速",
      "办理提速",
      "提前办结",
      "申请",
      "受理",
      "办结",
      "办结",
      "超时办结",
      "网上办理",
      "办理提速",
      "提前办结",
      "办件主动评价数",
      "事项办件覆盖率",
    ]);
    expect(merges(annex1!)).toEqual(
      [
        "A1:B1",
        "A2:U2",
        "A3:A4",
        "B3:B4",
        "C3:F3",
        "G3:H3",
        "I3:K3",
        "L3:N3",
        "O3:P3",
        "Q3:S3",
        "T3:T4",
        "U3:U4",
        // The report's 9 notes, then what "—" (a rate with no base) means.
        ...Array.from({ length: 10 }, (_, i) => `A${46 + i}:U${46 + i}`),
      ].sort(),
    );
  });

  test("附件2: its own name column and its last two groups", () => {
    expect(annex2!.getCell("B3").value).toBe("地区");
    expect([annex2!.getCell("T3").value, annex2!.getCell("T4").value]).toEqual(["办件主动评价", "主动评价数"]);
    expect([annex2!.getCell("U3").value, annex2!.getCell("U4").value]).toEqual(["事项办件情况", "办件覆盖度"]);
    expect(merges(annex2!)).not.toContain("T3:T4");
  });

  test("unit rows: 序号, name, counts, rates as percentages", () => {
    expect((annex1!.getRow(5).values as unknown[]).slice(1, 4)).toEqual([1, "市委宣传部", 0]);
    const police = annex1!.getRow(12);
    expect(police.getCell(2).value).toBe("市公安局");
    expect(police.getCell("I").value).toBe(0.7343);
    expect(police.getCell("I").numFmt).toBe("0.00%");
    expect(police.getCell("C").numFmt).toBe("0");
    expect(annex1!.getCell("J18").value).toBe(-0.1997);
    expect(annex2!.getCell("B10").value).toBe("渠县");
  });

  test("注 under 附件1, one merged row per note, then what — means; none under 附件2 (as printed)", () => {
    expect(String(annex1!.getCell("A46").value)).toMatch(/^注：1．申请件：/);
    expect(String(annex1!.getCell("A54").value)).toMatch(/^　　9．办件覆盖率：/);
    expect(String(annex1!.getCell("A55").value)).toBe("　　—：无计算基数（分母为0）");
    expect(annex1!.rowCount).toBe(4 + 41 + ANNEX_REPORT_LABELS.DEPARTMENT.footnotes.length + 1);
    expect(annex2!.rowCount).toBe(4 + 8);
  });

  test("print and screen: A4 landscape, one page wide, header rows repeated, panes frozen", () => {
    for (const ws of [annex1!, annex2!]) {
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: "landscape",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: "3:4",
      });
      expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 4 });
      expect(ws.getColumn(1).width).toBe(5);
      expect(ws.getCell("C3").alignment).toMatchObject({ wrapText: true, horizontal: "center" });
    }
    expect(annex1!.getColumn(2).width).toBeGreaterThan(annex2!.getColumn(2).width!);
  });

  test("one file per annex, or both in one", async () => {
    const separate = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() }, "separate");
    expect(separate.map((f) => f.fileName)).toEqual([
      annexFileName("DEPARTMENT", MONTH),
      annexFileName("DISTRICT", MONTH),
    ]);
    for (const file of separate) expect((await readBack(file.bytes)).worksheets).toHaveLength(1);
    const [combined] = await annexWorkbookFiles({ month: MONTH, tables: referenceTables() });
    expect(combined!.fileName).toBe("达州市一体化政务服务平台运行情况表_附件1-2_2021-06.xlsx");
  });
});
