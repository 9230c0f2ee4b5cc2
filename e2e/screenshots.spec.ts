// The README's screenshots of the readers' views, at 1440 px and 390 px: only with
// SCREENSHOTS=1 (they are committed under docs/readers/, not written by every test run).
import { test } from "@playwright/test";
import { mountCharts } from "./charts";

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
