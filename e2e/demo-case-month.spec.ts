// The seed's demo month of case records (2020-03, lib/demo-data/demo-case-month.ts), as a newcomer
// finds it on a fresh install: badged 示例数据 on every page, from a unit to its items to an
// overdue case, 办件超时's overdue cases, and (admin) the month's history, its reconciliation
// against the demo annex and the import in the case list. Reads only; the figures are the
// generator's (the integration test lib/demo-data/demo-case-month.test.ts checks them exactly).
import { expect, type Page, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

const MONTH = "2020-03";

async function expectDemoBadge(page: Page) {
  await expect(page.locator("header [data-testid=demo-badge]")).toHaveText("示例数据");
  await expect(page.getByRole("note").filter({ hasText: "不是真实统计" })).toHaveCount(1);
}

test.describe("the official", () => {
  test.use({ storageState: storageStateOf("official") });

  test("drills from a unit to its items to an overdue case, every page badged 示例数据", async ({ page }) => {
    await page.goto(`/${MONTH}/units/x04`);
    await expectDemoBadge(page);
    await page.getByTestId("unit-items-link").click();
    await expect(page).toHaveURL(new RegExp(`/${MONTH}/units/x04/items$`));
    await expectDemoBadge(page);
    // Most overdue first: the first item has overdue completions.
    const first = page.getByTestId("unit-items").locator("tbody tr").first();
    const overdue = (await first.locator("[data-field=overdueCompleted]").textContent()) ?? "";
    expect(Number(overdue.replace(/,/g, ""))).toBeGreaterThan(0);
    await first.getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/${MONTH}/units/x04/items/[^/]+$`));
    await expectDemoBadge(page);
    const overdueCase = page.getByTestId("item-cases").locator("tbody tr").first();
    expect(Number(await overdueCase.getAttribute("data-days-over"))).toBeGreaterThan(0);
  });

  test("办件超时 lists the month's overdue cases", async ({ page }) => {
    await page.goto(`/${MONTH}/timeliness`);
    await expectDemoBadge(page);
    await expect(page.getByTestId("overdue-cases-lead")).toContainText("件超期");
    await expect(page.getByTestId("overdue-cases").locator("tbody tr")).toHaveCount(20);
  });
});

test.describe("the admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("finds the month's two versions, badged, and their reconciliation", async ({ page }) => {
    await page.goto(`/admin/months/${MONTH}`);
    await expect(page.getByRole("heading", { level: 1 }).getByTestId("demo-badge")).toHaveText("示例数据");
    const versions = page.getByTestId("versions-table").locator("tbody tr");
    await expect(versions).toHaveCount(2);
    await expect(versions.first()).toHaveAttribute("data-current", "true");
    await expect(versions.first()).toContainText("办件明细");
    await expect(versions.nth(1)).toContainText("示例数据-附件-2020-03.csv");
    await page.getByTestId("reconciliation-link").click();
    await expect(page).toHaveURL(new RegExp(`/admin/months/${MONTH}/reconciliation$`));
    await expect(page.getByRole("heading", { level: 1 }).getByTestId("demo-badge")).toHaveText("示例数据");
    await expect(page.getByTestId("reconciliation-summary")).toHaveText(
      "比较 49 个单位：3 个单位共 3 个单元格不一致。",
    );
    await page.goto("/admin/cases");
    await expect(page.getByTestId("case-cli-imports").locator("tr", { hasText: MONTH })).toContainText(
      "示例数据-办件明细-2020-03.csv",
    );
  });
});
