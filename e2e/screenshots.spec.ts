// The README's screenshots of the readers' views, at 1440 px and 390 px: only with
// SCREENSHOTS=1 (they are committed under docs/readers/, not written by every test run).
// The 整改 board and a task (issue 21) are taken once rectification.spec.ts has run the loop on
// 2021-06: tagged @after-rectification, they run in the project "rectification-screenshots"
// (playwright.config.ts), the others in "chromium".
import { expect, test } from "@playwright/test";
import { mountCharts } from "./charts";
import { withDatabase } from "./database";

const VIEWS = [
  { name: "home", path: "/2021-06", fullPage: true },
  { name: "municipal", path: "/2021-06/municipal", fullPage: false },
  { name: "unit", path: "/2021-06/units/d08", fullPage: true },
  { name: "bulletin", path: "/reports/2021-06", fullPage: false },
];

test.skip(!process.env.SCREENSHOTS, "SCREENSHOTS=1 writes docs/readers/*.png");

for (const width of [1440, 390]) {
  test.describe(`${width} px`, () => {
    test.use({ viewport: { width, height: width > 500 ? 900 : 844 }, colorScheme: "light" });
    for (const view of VIEWS) {
      test(view.name, async ({ page }) => {
        await page.goto(view.path);
        await mountCharts(page);
        await page.evaluate(async () => {
          await document.fonts.ready;
        });
        await page.screenshot({ path: `docs/readers/${view.name}-${width}.png`, fullPage: view.fullPage });
      });
    }
  });
}

test.describe("整改", { tag: "@after-rectification" }, () => {
  for (const width of [1440, 390]) {
    test.describe(`${width} px`, () => {
      test.use({ viewport: { width, height: width > 500 ? 900 : 844 }, colorScheme: "light" });

      test("the official's board of 2021-06", async ({ page }) => {
        await page.goto("/rectification?month=2021-06");
        await expect(page.getByTestId("task-table")).toBeVisible();
        // The header's count and the viewer's menu are the browser's own fetches: wait for them.
        await expect(page.getByTestId("rectification-waiting")).toHaveAttribute("data-count", /\d+/);
        await expect(page.getByTestId("viewer-menu")).toBeVisible();
        await page.screenshot({ path: `docs/readers/rectification-board-${width}.png`, fullPage: false });
      });

      test("市公安局's task: two answers, returned once, closed", async ({ page }) => {
        const id = await withDatabase(
          async (db) =>
            (await db.query(`SELECT "id" FROM "RectificationTask" WHERE "key" = 'PROBLEM:2021-06:lowCoverage:d08'`))
              .rows[0].id as number,
        );
        await page.goto(`/rectification/tasks/${id}`);
        await expect(page.getByTestId("task-page")).toHaveAttribute("data-status", "CLOSED");
        await expect(page.getByTestId("rectification-waiting")).toHaveAttribute("data-count", /\d+/);
        await expect(page.getByTestId("viewer-menu")).toBeVisible();
        await page.screenshot({ path: `docs/readers/rectification-task-${width}.png`, fullPage: true });
      });
    });
  }
});
