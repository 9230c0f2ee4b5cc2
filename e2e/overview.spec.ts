import { expect, test } from "@playwright/test";
import { countWithUnit, rate, reference } from "./expected";

const city = reference.narrative.city;

test("opens on the latest month and shows section (一) of the bulletin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/2021-06$/);
  const kpi = (field: string) => page.getByTestId(`kpi-${field}`).locator("[data-kpi-value]");
  await expect(kpi("applied")).toHaveText("1,048,053件");
  await expect(kpi("accepted")).toHaveText("568,165件");
  await expect(kpi("completed")).toHaveText("535,548件");
  await expect(kpi("onlineShare")).toHaveText("32.01%");
  // The 30-second answer: how citizens rated the month and how much of the catalogue saw cases.
  await expect(kpi("activeEvaluationRate")).toHaveText("93.94%");
  await expect(page.getByTestId("kpi-activeEvaluationRate").locator("[data-kpi-change]")).toContainText("35.09");
  await expect(kpi("coverageRate")).toHaveText("33.19%");
  await expect(kpi("promisedCompleted")).toHaveText(countWithUnit(city.promisedCompleted));
  await expect(kpi("promiseSpeedupRate")).toHaveText(rate(city.promiseSpeedupRate));
  await expect(kpi("handlingSpeedupRate")).toHaveText(rate(city.handlingSpeedupRate));
  await expect(kpi("earlyCompletionRate")).toHaveText(rate(city.earlyCompletionRate));
  await expect(kpi("onlineApplied")).toHaveText(countWithUnit(city.onlineApplied));
  await expect(kpi("onlineAccepted")).toHaveText(countWithUnit(city.onlineAccepted));
  await expect(kpi("onlineCompleted")).toHaveText(countWithUnit(city.onlineCompleted));
  await expect(kpi("onlinePromisedCompleted")).toHaveText(countWithUnit(city.onlinePromisedCompleted));
  await expect(kpi("onlineEarlyCompletionRate")).toHaveText(rate(city.onlineEarlyCompletionRate));
  await expect(page.getByTestId("overview-lead")).toContainText(
    "共申请依申请政务服务事项 1,048,053件，受理 568,165件，办结 535,548件",
  );
  // The real month is not badged as demo data (the trend chart notes its demo months separately).
  await expect(page.locator("header [data-testid=demo-badge]")).toHaveCount(0);
});

test("each KPI says its change from last month", async ({ page }) => {
  await page.goto("/2021-06");
  // The demo 2021-05 is built so that the bulletin's month-over-month statements hold.
  const card = page.getByTestId("kpi-applied");
  await expect(card).toContainText("较上月");
  await expect(page.getByTestId("kpi-earlyCompletionRate")).toContainText("持平");
});

test("figure 1 has its figures in a table", async ({ page }) => {
  await page.goto("/2021-06");
  const figure = page.getByTestId("figure-1");
  await figure.locator("summary").click();
  const row = figure.locator("[data-chart-table] tbody tr", { hasText: "申请件" });
  await expect(row.locator("td").nth(1)).toHaveText("1,048,053");
  // The chart itself renders (loaded after first paint).
  // The chart itself renders after first paint: 7 figures, this month and last.
  await expect(figure.locator(".recharts-bar-rectangle")).toHaveCount(14);
});

test("the month picker switches months and demo months are badged", async ({ page }) => {
  await page.goto("/2021-06/municipal");
  await page.getByTestId("month-picker").selectOption("2021-05");
  await expect(page).toHaveURL(/\/2021-05\/municipal$/);
  await expect(page.locator("header [data-testid=demo-badge]")).toHaveText("示例数据");
  await expect(page.getByRole("note")).toContainText("不是真实统计");
});

test("the layout fits a phone screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/2021-06");
  await expect(page.getByTestId("kpi-applied").locator("[data-kpi-value]")).toHaveText("1,048,053件");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test("unknown months and units are a clear 404", async ({ page }) => {
  const response = await page.goto("/1999-01");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "没有找到该页面" })).toBeVisible();
  expect((await page.goto("/2021-06/units/zz99"))?.status()).toBe(404);
});
