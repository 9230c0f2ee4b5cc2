// A comparison with demo data says so where it is read (issue 23). 2021-06 is real; the May it
// compares with is generated. Every page is read as a reader reads it: each piece of text that
// compares with last month (较上月…, 上月第 n 名) must carry the demo mark in the card, row, figure
// or paragraph it sits in, not only in a banner at the top of the page.
import { expect, type Page, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

const MONTH = "2021-06";
const PAGES = [
  `/${MONTH}`,
  `/${MONTH}/municipal`,
  `/${MONTH}/districts`,
  `/${MONTH}/timeliness`,
  `/${MONTH}/evaluations`,
  `/${MONTH}/problems`,
  `/${MONTH}/units/d08`,
  `/${MONTH}/units/x04`,
];
// Words that compare with the previous month, and the mark that must be near each.
const COMPARING = /较上月|上月第|上月（|与上月/;
const DEMO_MARK = "示例数据";

/** The comparing texts of a page whose nearest reading unit (card, row, figure, paragraph, note) has no demo mark. */
async function unlabelled(page: Page): Promise<string[]> {
  return page.locator("main").evaluate(
    (main, { comparing, mark }) => {
      const pattern = new RegExp(comparing);
      const found: string[] = [];
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        if (!pattern.test(text)) continue;
        const element = node.parentElement;
        // A rule's own wording (…较上月下降超过 10.00个百分点) names a threshold, not a comparison.
        if (!element || element.closest("[hidden], template, script, style, [data-rule], [data-rule-sentence]"))
          continue;
        const unit = element.closest("li, tr, figure, p, [role=note], dd, caption, details");
        const context = unit ?? element;
        if (!(context.textContent ?? "").includes(mark)) found.push(context.textContent?.trim().slice(0, 80) ?? text);
      }
      return found;
    },
    { comparing: COMPARING.source, mark: DEMO_MARK },
  );
}

for (const [account, pages] of [
  ["official", PAGES],
  ["gaj", [`/${MONTH}`, `/${MONTH}/units/d08`]],
] as const) {
  test.describe(`as ${account}`, () => {
    test.use({ storageState: storageStateOf(account) });
    for (const path of pages) {
      test(`${path}: every comparison with the generated May says so where it is read`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expect(page.locator("main")).toBeVisible();
        expect(await unlabelled(page)).toEqual([]);
      });
    }
  });
}

test("a unit page's rank cards: the change and last month's rank are marked, and the charts' * is explained", async ({
  page,
}) => {
  await page.goto(`/${MONTH}/units/d08`);
  const applied = page.locator("[data-rank=applied]");
  await expect(applied.locator("[data-change]")).toContainText("（上月为示例数据）");
  await expect(applied.locator("[data-previous-rank]")).toContainText("（上月为示例数据）");
  await expect(page.getByTestId("unit-demo-note")).toContainText("标 * 的月份为示例数据");
});

test("an annex export of the generated May says so in its file name; the real June's does not", async ({ request }) => {
  const name = async (url: string) =>
    decodeURIComponent(
      /filename\*=UTF-8''([^;]+)/.exec((await request.get(url)).headers()["content-disposition"] ?? "")?.[1] ?? "",
    );
  expect(await name("/api/export/2021-05/annex/departments")).toBe("示例数据-附件1-市级部门-2021-05.csv");
  expect(await name("/api/export/2021-05/annex/districts?format=xlsx")).toMatch(/^示例数据-.*\.xlsx$/);
  expect(await name("/api/export/2021-06/annex/departments")).toBe("附件1-市级部门-2021-06.csv");
});
