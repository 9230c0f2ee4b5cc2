import { expect, type Page, test } from "@playwright/test";
import { ANNEX_FIELDS, type AnnexRow, cellText, hasNoCases, reference } from "./expected";

async function checkAnnex(page: Page, testId: string, rows: readonly AnnexRow[]) {
  const table = page.getByTestId(testId);
  await expect(table.locator("tbody tr")).toHaveCount(rows.length);
  // Read every cell off the rendered table in one pass, then compare.
  const rendered = await table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      seq: tr.querySelector("td")?.textContent?.trim(),
      name: tr.getAttribute("data-unit"),
      noCases: tr.querySelector("[data-no-cases]")?.textContent?.trim() ?? null,
      // A rate with no base shows "—" (its reason is for screen readers and the tooltip).
      cells: Object.fromEntries(
        [...tr.querySelectorAll("[data-field]")].map((td) => [
          td.getAttribute("data-field"),
          td.hasAttribute("data-no-base") ? "—" : td.textContent?.trim(),
        ]),
      ),
    })),
  );
  rows.forEach((row, i) => {
    const got = rendered[i]!;
    const name = row.name.replace(/\s+/g, "");
    expect(got.name, `row ${i + 1}`).toBe(name);
    expect(got.seq, `${name} 序号`).toBe(String(row.seq));
    if (hasNoCases(row)) {
      expect(got.noCases, `${name} shows 本月无办件`).toBe("本月无办件");
      expect(got.cells.activeEvaluations, `${name} activeEvaluations`).toBe(cellText(row, "activeEvaluations"));
      expect(got.cells.coverageRate, `${name} coverageRate`).toBe(cellText(row, "coverageRate"));
    } else {
      expect(got.noCases, `${name} has cases`).toBeNull();
      for (const field of ANNEX_FIELDS) expect(got.cells[field], `${name} ${field}`).toBe(cellText(row, field));
    }
  });
}

test("市本级 shows every cell of 附件1 as printed", async ({ page }) => {
  await page.goto("/2021-06/municipal");
  await checkAnnex(page, "annex-department", reference.annex1_departments);
  const kpi = (field: string) => page.getByTestId(`municipal-kpi-${field}`).locator("[data-kpi-value]");
  await expect(kpi("applied")).toHaveText("46,016件");
  await expect(kpi("accepted")).toHaveText("38,018件");
  await expect(kpi("completed")).toHaveText("34,944件");
  await expect(kpi("onlineShare")).toHaveText("40.92%");
  await expect(kpi("handlingSpeedupRate")).toHaveText("20.04%");
  await expect(page.getByTestId("top-units")).toContainText(
    "市公安局 11,933件、市人力资源和社会保障局 6,506件、市住房公积金管理中心 6,002件、市自然资源和规划局 3,578件",
  );
  // The one-case gaps between the stated totals and the department rows are shown, not hidden.
  const reconciliation = page.getByTestId("reconciliation");
  await expect(reconciliation.locator("[data-field=applied]")).toContainText(
    "通报数 46,016件，各单位行相加 46,015件，相差 +1件",
  );
  await expect(reconciliation.locator("[data-field=accepted]")).toContainText(
    "通报数 38,018件，各单位行相加 38,017件，相差 +1件",
  );
  await expect(page.locator("[data-top]")).toHaveCount(4);
});

test("县（市、区） shows every cell of 附件2 as printed", async ({ page }) => {
  await page.goto("/2021-06/districts");
  await checkAnnex(page, "annex-district", reference.annex2_districts);
  const kpi = (field: string) => page.getByTestId(`districts-kpi-${field}`).locator("[data-kpi-value]");
  await expect(kpi("applied")).toHaveText("1,002,037件");
  await expect(kpi("onlineShare")).toHaveText("31.60%");
  await expect(page.getByTestId("top-units")).toContainText("宣汉县 141,678件、开江县 94,933件、大竹县 72,349件");
  await expect(page.getByTestId("reconciliation")).toContainText("一致");
});

test("the annex sorts by a column and back to the report's order", async ({ page }) => {
  await page.goto("/2021-06/municipal");
  const table = page.getByTestId("annex-department");
  await table.locator("[data-sort-field=completed]").click();
  const names = () =>
    table.locator("tbody tr").evaluateAll((trs) => trs.slice(0, 4).map((tr) => tr.getAttribute("data-unit")));
  expect(await names()).toEqual(["市公安局", "市人力资源和社会保障局", "市住房公积金管理中心", "市自然资源和规划局"]);
  await table.locator("[data-sort-field=completed]").click();
  expect(await table.locator("tbody tr").first().getAttribute("data-unit")).not.toBe("市公安局");
  await page.getByRole("button", { name: "恢复通报顺序" }).click();
  expect(await names()).toEqual(["市委宣传部", "市发展和改革委员会", "市经济和信息化局", "市教育局"]);
});

test("the annex exports as CSV that Excel reads in Chinese", async ({ page }) => {
  await page.goto("/2021-06/districts");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toBe("附件2-县市区-2021-06.csv");
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trim().split("\r\n");
  expect(lines).toHaveLength(9);
  expect(lines[4]).toBe(
    "4,宣汉县,260342,143834,141678,0,7383,0,88.22,95.75,100.00,135370,135370,133630,2941,0,39.83,97.21,100.00,130716,37.35",
  );
});

test("a unit page shows its row, rank and 13-month history", async ({ page }) => {
  await page.goto("/2021-06/municipal");
  await page.getByRole("link", { name: "市公安局" }).click();
  await expect(page).toHaveURL(/\/2021-06\/units\/d08$/);
  await expect(page.getByTestId("unit-heading")).toHaveText("市公安局运行情况");
  await expect(page.locator("dd[data-field=completed]")).toContainText("11,933");
  await expect(page.locator("[data-rank=completed]")).toContainText("第 1 / 41 名");
  await expect(page.getByTestId("evaluation-rate")).toContainText("77.29%");
  const history = page.getByTestId("unit-history").locator("tbody tr");
  await expect(history).toHaveCount(13);
  await expect(history.first()).toHaveAttribute("data-month", "2021-06");
  await expect(history.first().locator("td").nth(2)).toHaveText("11,933");
  await expect(page.getByTestId("unit-history").locator("[data-testid=demo-badge]")).toHaveCount(12);
});

test("a department with no cases says so", async ({ page }) => {
  await page.goto("/2021-06/units/d01");
  // The note and what the unit still has (coverage), not a grid of zeros.
  await expect(page.getByTestId("no-cases")).toContainText("本月无办件");
  await expect(page.getByTestId("no-cases")).toContainText("事项办件覆盖率 50.00%");
  await expect(page.getByTestId("unit-figures")).toHaveCount(0);
});
