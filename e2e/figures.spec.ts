// Comparisons with a demo month are labelled on every page that shows a change: the real
// 2021-06 is compared with the generated 2021-05, and every change badge and previous-month
// chart legend says 示例数据.
import { expect, test } from "@playwright/test";

for (const path of [
  "/2021-06",
  "/2021-06/municipal",
  "/2021-06/districts",
  "/2021-06/evaluations",
  "/2021-06/timeliness",
]) {
  test(`${path}: every change against the demo May is labelled`, async ({ page }) => {
    await page.goto(path);
    const badges = page.locator("[data-kpi-change]");
    await expect(badges.first()).toBeVisible();
    const texts = await badges.allInnerTexts();
    const changes = texts.filter((t) => t.includes("较上月"));
    expect(changes.length).toBeGreaterThan(0);
    for (const text of changes) expect(text).toContain("上月为示例数据");
    // No unlabelled "上月（2021年5月）" legend or table heading.
    const body = await page.locator("main").innerText();
    expect(body).not.toMatch(/上月（2021年5月）(?!为示例数据)/);
  });
}
