// Reconciliation and the case-record settings, as the admin, in Chromium against the built app:
// a month with a case import and an uploaded annex (set up through the real pipelines) shows the
// cells the annex was made to differ in, with both values; the CSV holds them; the settings form
// adds a working-day correction beside the official calendar and removes it again.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { ensureReconciliationMonth, RECONCILIATION_MONTH as MONTH } from "./reconciliation-month";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await ensureReconciliationMonth();
  });

  test("the month's history links the reconciliation, which shows the differing cells and exports them", async ({
    page,
  }) => {
    await page.goto(`/admin/months/${MONTH}`);
    await page.getByTestId("reconciliation-link").click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${MONTH}/reconciliation$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${MONTH} 办件明细与上传附件核对`);

    const summary = page.getByTestId("reconciliation-summary");
    await expect(summary).toHaveText("比较 48 个单位：2 个单位共 2 个单元格不一致。");
    await expect(page.getByTestId("only-in-cases")).toContainText("万源市");

    // 市公安局's applications: 4 in the case records, 11 in the annex.
    const table = page.getByTestId("reconciliation-table");
    await expect(table.locator("tbody tr")).toHaveCount(2);
    const applied = table.locator('tr[data-unit="市公安局"][data-field="applied"]');
    await expect(applied.locator('[data-cell="cases"]')).toHaveText("4");
    await expect(applied.locator('[data-cell="annex"]')).toHaveText("11");
    await expect(applied.locator('[data-cell="difference"]')).toHaveText("\u22127");
    await expect(
      table.locator('tr[data-unit="宣汉县"][data-field="coverageRate"] [data-cell="difference"]'),
    ).toHaveText(/个百分点$/);

    // Sorted by the size of the difference, largest first (the 9.5-point coverage gap), then the other way.
    await table.getByRole("button", { name: /差异/ }).click();
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-field", "coverageRate");
    await table.getByRole("button", { name: /差异/ }).click();
    await expect(table.locator("tbody tr").first()).toHaveAttribute("data-field", "applied");

    // Every cell on request.
    await page.getByTestId("reconciliation-toggle").click();
    await expect(page).toHaveURL(/all=1/);
    // 48 × 19 = 912 cells, a hundred to a page (issue 23: the whole table was too heavy to check).
    const rows = page.getByTestId("reconciliation-table").locator("tbody tr");
    await expect(rows).toHaveCount(100);
    const status = page.getByTestId("reconciliation-page-status");
    await expect(status).toHaveText("第 1 / 10 页，共 912 行");
    const pages = page.getByTestId("reconciliation-pages");
    await expect(pages.getByRole("button", { name: "上一页" })).toBeDisabled();
    for (let n = 2; n <= 10; n++) await pages.getByRole("button", { name: "下一页" }).click();
    await expect(status).toHaveText("第 10 / 10 页，共 912 行");
    await expect(rows).toHaveCount(12);
    await expect(pages.getByRole("button", { name: "下一页" })).toBeDisabled();
    // Sorting orders every cell and starts again at page 1: the largest difference leads.
    await page.getByTestId("reconciliation-table").getByRole("button", { name: /差异/ }).click();
    await expect(status).toHaveText("第 1 / 10 页，共 912 行");
    await expect(rows.first()).toHaveAttribute("data-differs", "true");

    const csv = await page.request.get(`/api/months/${MONTH}/reconciliation.csv`);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toMatch(/\d+,市公安局,市级部门,申请件,4,11,-7,,,件数逐一,不一致/);
    expect(text.trim().split("\r\n")).toHaveLength(1 + 2 + 1);
  });

  test("the settings form adds a working-day correction and removes it", async ({ page }) => {
    await page.goto("/admin/settings");
    await page.getByTestId("case-settings-link").click();
    await expect(page).toHaveURL(/\/admin\/settings\/calendar$/);
    await expect(page.getByTestId("next-import-note")).toContainText("只作用于下一次导入");

    // 2019-10-12, a Saturday, was a 调休 working day on the official calendar.
    const form = page.getByTestId("calendar-override-form");
    await form.getByLabel("日期").fill("2019-10-12");
    await form.getByLabel("休息日").check();
    await form.getByLabel("说明").fill("端到端测试");
    await form.getByRole("button", { name: "添加修正" }).click();
    await expect(form.getByTestId("form-message")).toHaveText("已保存：2019-10-12 设为休息日（官方日历为工作日）。");
    const row = page.getByTestId("calendar-overrides").locator('tr[data-date="2019-10-12"]');
    await expect(row.locator('[data-cell="override"]')).toHaveText("休息日");
    await expect(row.locator('[data-cell="official"]')).toHaveText("工作日");

    await row.getByRole("button", { name: "删除 2019-10-12 的修正" }).click();
    await expect(page.getByText("已删除 2019-10-12 的修正，恢复官方日历（工作日）。")).toBeVisible();
    await expect(page.locator('tr[data-date="2019-10-12"]')).toHaveCount(0);
  });
});
