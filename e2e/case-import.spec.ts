// The case-record import in the browser, as an admin, through the UI only: a month of 办件明细
// (CSV, with a personal-data column), 好差评 (.xlsx) and 实施清单 (CSV), built here with known
// figures, is sent in chunks, processed, previewed (per-unit figures, the dropped column),
// published, and the unit pages show exactly the figures built in. A file with bad rows is
// refused with each row and column named, its problems CSV downloads, and nothing is published.
// Another platform's export (件号 for 办件编号, 市公安局本级 for 市公安局) is refused, mapped in
// two rounds on the import's page without sending the files again, staged and published.
// Own months (2019-09, 2019-05, 2019-03; 2019-08 is the reconciliation specs'): before the seeded months, so 2021-06 and the newest month
// that other specs read are untouched.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { storageStateOf } from "./accounts";

const GOOD_MONTH = "2019-09";
const BAD_MONTH = "2019-05";
const MAPPED_MONTH = "2019-03";

const CASE_HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间,申请人姓名";
// 2019-09-13 (中秋) is a holiday. Working days counted after the day of acceptance.
const GOOD_CASES = `${[
  CASE_HEADER,
  // 市公安局 (d08): 4 applied, 4 accepted, 3 completed (2 承诺件, P2 overdue: 13 working days > 5), 2 online
  "P1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-09-02 09:00:00,2019-09-02 10:00:00,2019-09-04 10:00:00,张三",
  "P2,A1,户籍迁移,市公安局,承诺件,20,5,窗口申请,否,2019-09-02 09:00:00,2019-09-02 10:00:00,2019-09-20 10:00:00,李四",
  "P3,A2,身份证,市公安局,即办件,1,,窗口申请,否,2019-09-03 09:00:00,2019-09-03 09:00:00,2019-09-03 09:30:00,王五",
  "P4,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-09-25 09:00:00,2019-09-25 10:00:00,,赵六",
  // 宣汉县 (x04): 2 applied, 2 completed 承诺件, X1 overdue (6 working days > 2), X2 early (1 day)
  "X1,B1,低保,宣汉县,承诺件,10,2,窗口申请,否,2019-09-02 09:00:00,2019-09-02 09:00:00,2019-09-10 09:00:00,钱七",
  "X2,B1,低保,宣汉县,承诺件,10,2,网上申请,否,2019-09-05 09:00:00,2019-09-05 09:00:00,2019-09-06 09:00:00,孙八",
].join("\n")}\n`;
// Coverage: 市公安局 2 of 3 items in use have cases (66.67%), 宣汉县 1 of 2 (50.00%).
const CATALOGUE =
  "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\n" +
  "A1,户籍迁移,市公安局,承诺件,20,5,在用\nA2,身份证,市公安局,即办件,1,0,在用\nA3,出入境,市公安局,承诺件,10,3,在用\n" +
  "B1,低保,宣汉县,承诺件,10,2,在用\nB2,救助,宣汉县,承诺件,10,2,在用\n";
// 市公安局: 2 主动评价 in the month; 宣汉县: 1 默认评价 (not active).
const EVALUATIONS = [
  ["评价编号", "办件编号", "实施主体", "评价时间", "评价等级", "评价类型"],
  ["E1", "P1", "市公安局", "2019-09-05 10:00:00", "非常满意", "主动评价"],
  ["E2", "P3", "市公安局", "2019-09-04 10:00:00", "满意", "主动评价"],
  ["E3", "X1", "宣汉县", "2019-09-11 10:00:00", "满意", "默认评价"],
];

async function evaluationsXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("好差评");
  for (const row of EVALUATIONS) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function startImport(
  page: Page,
  month: string,
  files: Array<{ name: string; buffer: Buffer; mimeType: string }>,
) {
  await page.goto("/admin/cases");
  const form = page.getByTestId("case-upload-form");
  await form.getByLabel("月份").fill(month);
  await form.locator("input[type=file]").setInputFiles(files);
  await form.getByRole("button", { name: "上传并处理" }).click();
  await expect(page).toHaveURL(/\/admin\/cases\/\d+$/, { timeout: 30_000 });
}

async function figure(page: Page, code: string, field: string): Promise<string> {
  await page.goto(`/${GOOD_MONTH}/units/${code}`);
  return ((await page.locator(`dd[data-field=${field}] span.tabular`).first().textContent()) ?? "").trim();
}

test.describe("case import, as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("cases CSV + evaluations XLSX + catalogue CSV → preview → publish → the unit pages show the figures", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await startImport(page, GOOD_MONTH, [
      { name: "实施清单.csv", buffer: Buffer.from(CATALOGUE), mimeType: "text/csv" },
      {
        name: "好差评.xlsx",
        buffer: await evaluationsXlsx(),
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      { name: "办件明细.csv", buffer: Buffer.from(GOOD_CASES), mimeType: "text/csv" },
    ]);
    await expect(page.getByTestId("case-status")).toHaveAttribute("data-status", "STAGED", { timeout: 60_000 });
    await expect(page.getByTestId("case-totals")).toHaveText("办件 6，评价 3，实施清单事项 5");
    await expect(page.getByTestId("case-dropped")).toContainText("办件明细.csv：申请人姓名");
    const police = page.getByTestId("annex-department").locator("tr", { hasText: "市公安局" });
    await expect(police).toBeVisible();
    await page.getByRole("button", { name: `发布为 ${GOOD_MONTH} 的新版本` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${GOOD_MONTH}\\?published=\\d+$`), { timeout: 30_000 });

    expect(await figure(page, "d08", "applied")).toBe("4");
    expect(await figure(page, "d08", "accepted")).toBe("4");
    expect(await figure(page, "d08", "completed")).toBe("3");
    expect(await figure(page, "d08", "overdueCompleted")).toBe("1");
    expect(await figure(page, "d08", "promisedCompleted")).toBe("2");
    expect(await figure(page, "d08", "onlineApplied")).toBe("2");
    expect(await figure(page, "d08", "activeEvaluations")).toBe("2");
    expect(await figure(page, "d08", "coverageRate")).toBe("66.67%");
    expect(await figure(page, "x04", "completed")).toBe("2");
    expect(await figure(page, "x04", "overdueCompleted")).toBe("1");
    expect(await figure(page, "x04", "earlyCompletionRate")).toBe("50.00%");
    expect(await figure(page, "x04", "coverageRate")).toBe("50.00%");

    // From the unit page down to its item and to the overdue case: P2, accepted Mon 2019-09-02,
    // completed Fri 09-20: 13 working days after acceptance (中秋 09-13 off), promised 5 → 8 over.
    await page.goto(`/${GOOD_MONTH}/units/d08`);
    await page.getByTestId("unit-items-link").click();
    await expect(page).toHaveURL(new RegExp(`/${GOOD_MONTH}/units/d08/items$`));
    await page.locator('a[href$="/items/A1"]').click();
    await expect(page).toHaveURL(new RegExp(`/${GOOD_MONTH}/units/d08/items/A1$`));
    const first = page.getByTestId("item-cases").locator("tbody tr").first();
    await expect(first).toHaveAttribute("data-case", "P2");
    await expect(first).toHaveAttribute("data-days-over", "8");

    // The list shows it published, with its counts.
    await page.goto("/admin/cases");
    const row = page.getByTestId("case-imports").locator("tr", { hasText: GOOD_MONTH }).first();
    await expect(row).toContainText("已发布");
    await expect(row).toContainText("办件明细.csv");
  });

  test("bad rows are refused with row and column named, the problems CSV downloads, nothing is published", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    // The month has no version before (its history page is a 404) …
    expect((await page.goto(`/admin/months/${BAD_MONTH}`))?.status()).toBe(404);
    const bad = `${[
      CASE_HEADER,
      "B1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-05-05 09:00:00,2019-05-15 10:00:00,2019-05-12 10:00:00,", // 办结 before 受理
      "D1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-05-05 09:00:00,2019-05-05 10:00:00,2019-05-06 10:00:00,",
      "D1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-05-06 09:00:00,2019-05-06 10:00:00,2019-05-07 10:00:00,", // duplicate
      "U1,A1,户籍迁移,不存在局,承诺件,20,5,网上申请,否,2019-05-05 09:00:00,2019-05-05 10:00:00,2019-05-06 10:00:00,", // unknown unit
      "K1,A1,户籍迁移,市公安局,加急件,20,5,网上申请,否,2019-05-05 09:00:00,2019-05-05 10:00:00,2019-05-06 10:00:00,", // bad 办件类型
      "M1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-04-01 09:00:00,2019-04-01 10:00:00,2019-04-02 10:00:00,", // outside the month
    ].join("\n")}\n`;
    await startImport(page, BAD_MONTH, [
      { name: "bad.csv", buffer: Buffer.from(bad), mimeType: "text/csv" },
      { name: "实施清单.csv", buffer: Buffer.from(CATALOGUE), mimeType: "text/csv" },
    ]);
    await expect(page.getByTestId("case-status")).toHaveAttribute("data-status", "REFUSED", { timeout: 60_000 });
    await expect(page.getByTestId("case-refused")).toBeVisible();
    const problems = page.getByTestId("case-problems");
    const expectRow = async (code: string, row: number, text: RegExp) => {
      const line = problems.locator(`[data-code=${code}] tr[data-row="${row}"]`).first();
      await expect(line).toContainText(text);
      await expect(line).toContainText(`第 ${row} 行`);
    };
    await expectRow("COMPLETED_BEFORE_ACCEPTED", 2, /“办结时间”列（L 列）/);
    await expectRow("DUPLICATE_CASE_NO", 4, /“办件编号”列（A 列）/);
    await expectRow("UNKNOWN_UNIT", 5, /“实施主体”列（D 列）/);
    await expectRow("INVALID_VALUE", 6, /“办件类型”列（E 列）.*加急件/);
    await expect(problems.locator("[data-code=OUTSIDE_MONTH] tr[data-row='7']")).toContainText("第 7 行");
    await expect(page.getByRole("button", { name: /发布为/ })).toHaveCount(0);

    const download = page.waitForEvent("download");
    await page.getByTestId("case-problems-csv").click();
    const csv = (await (await download).createReadStream()).toArray();
    const text = Buffer.concat((await csv) as Buffer[]).toString("utf8");
    expect(text.startsWith("\uFEFF文件,工作表,行,列,问题")).toBe(true);
    for (const row of [2, 4, 5, 6, 7]) expect(text).toMatch(new RegExp(`^bad\\.csv,,${row},`, "m"));
    expect(text).toContain("办结时间早于受理时间");
    expect(text).toContain("未知的实施主体");

    // … and none after: nothing was published. The refused import can be discarded.
    const importUrl = page.url();
    expect((await page.goto(`/admin/months/${BAD_MONTH}`))?.status()).toBe(404);
    await page.goto(importUrl);
    await page.getByRole("button", { name: "放弃此导入" }).click();
    await expect(page).toHaveURL(/\/admin\/cases$/);
    await expect(page.getByTestId("case-imports").locator("tr", { hasText: BAD_MONTH }).first()).toContainText(
      "已放弃",
    );
  });

  test("another platform's labels: refused, mapped on the page in two rounds, staged and published without a new upload", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const other = `${[
      CASE_HEADER.replace("办件编号", "件号"),
      "Q1,A1,户籍迁移,市公安局本级,承诺件,20,5,网上申请,否,2019-03-04 09:00:00,2019-03-04 10:00:00,2019-03-05 10:00:00,张三",
      "Q2,A1,户籍迁移,市公安局本级,承诺件,20,5,窗口申请,否,2019-03-04 09:00:00,2019-03-04 10:00:00,2019-03-29 10:00:00,李四",
      "Q3,A2,身份证,市公安局,即办件,1,,网上申请,否,2019-03-05 09:00:00,2019-03-05 09:00:00,2019-03-05 09:30:00,王五",
    ].join("\n")}\n`;
    await startImport(page, MAPPED_MONTH, [
      { name: "其他平台办件.csv", buffer: Buffer.from(other), mimeType: "text/csv" },
      { name: "实施清单.csv", buffer: Buffer.from(CATALOGUE), mimeType: "text/csv" },
    ]);
    await expect(page.getByTestId("case-status")).toHaveAttribute("data-status", "REFUSED", { timeout: 60_000 });
    const form = page.getByTestId("case-mapping-form");
    await expect(form.locator("[data-mapping-file]")).toContainText("缺少：办件编号");
    await form.locator('[data-unknown-column="件号"] select').selectOption({ label: "办件编号" });
    await form.getByRole("button", { name: "保存对应关系并重新处理" }).click();

    // Processed again from the kept files: now the rows are read and name a unit written otherwise.
    const unit = page.getByTestId("case-mapping-form").locator('[data-unknown-unit="市公安局本级"]');
    await expect(unit).toContainText("行数 2", { timeout: 60_000 });
    await expect(page.getByTestId("case-status")).toHaveAttribute("data-status", "REFUSED");
    await expect(unit.locator("option", { hasText: "★ 市公安局" })).toHaveCount(1);
    // The form on a phone: nothing wider than the screen; axe finds nothing serious.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
      [],
    );
    await unit.locator("select").selectOption({ label: "★ 市公安局" });
    await page.getByRole("button", { name: "保存对应关系并重新处理" }).click();
    await expect(page.getByTestId("case-status")).toHaveAttribute("data-status", "STAGED", { timeout: 60_000 });
    await expect(page.getByTestId("case-totals")).toHaveText("办件 3，评价 0，实施清单事项 5");
    await page.getByRole("button", { name: `发布为 ${MAPPED_MONTH} 的新版本` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${MAPPED_MONTH}\\?published=\\d+$`), { timeout: 30_000 });
    await page.goto(`/${MAPPED_MONTH}/units/d08`);
    await expect(page.locator("dd[data-field=applied] span.tabular").first()).toHaveText("3");
    await expect(page.locator("dd[data-field=overdueCompleted] span.tabular").first()).toHaveText("1");
  });
});
