// Every English page (/en/…) an official, a department user (gaj), the admin and a signed-out
// reader can reach is read as a reader reads it: the text of <header> and <main> (what is shown,
// chart tooltips' SVG titles and accessible names included) must hold no Han character and no
// full-width punctuation — the product's own labels, units of measure (cases, pp) and sentences
// follow the page's language. Chinese is allowed only inside an element marked as Chinese
// (lang="zh-CN"): names from the data (units, items, accounts, people, files) and the bulletin's
// quoted text, which stay as issued (docs/language.md). The mark also lets a screen reader switch
// voice. Each page is a test of its own; a failure lists every offending text with its element.
import { expect, type Page, test } from "@playwright/test";
import { type AccountKey, storageStateOf } from "./accounts";
import { mountCharts } from "./charts";
import { ensureReconciliationMonth, RECONCILIATION_MONTH } from "./reconciliation-month";
import { fromSite } from "./same-origin";

test.describe.configure({ mode: "parallel" });

const MONTH = "2021-06";
/** A path, or a list page and the first link on it matching a pattern (its detail page). */
type Target = string | { from: string; link: RegExp };

const PAGES: Record<AccountKey | "signedOut", Target[]> = {
  official: [
    // 整改 (issue 21): the board.
    "/en/rectification",
    "/en",
    `/en/${MONTH}`,
    `/en/${MONTH}/municipal`,
    `/en/${MONTH}/districts`,
    `/en/${MONTH}/all-units`,
    `/en/${MONTH}/timeliness`,
    `/en/${MONTH}/evaluations`,
    `/en/${MONTH}/problems`,
    `/en/${MONTH}/units/d08`,
    `/en/${MONTH}/units/x04`,
    "/en/2020-05",
    "/en/2020-05/timeliness",
    "/en/2020-05/units/d08",
    "/en/2020-05/units/d08/items",
    "/en/2020-05/units/d08/items/P01",
    "/en/reports",
    `/en/reports/${MONTH}`,
    "/en/about",
    "/en/account/password",
    "/en/account/two-factor",
    "/en/2030-01",
    "/en/warnings",
    "/en/warnings/board",
    "/en/wall",
  ],
  gaj: [
    // 整改 (issue 21): the unit's own tasks.
    "/en/rectification",
    "/en",
    `/en/${MONTH}`,
    `/en/${MONTH}/units/d08`,
    "/en/2020-05/units/d08/items",
    "/en/2020-05/units/d08/items/P01",
    `/en/reports/${MONTH}`,
    `/en/${MONTH}/municipal`,
    "/en/warnings",
  ],
  xuanhan: [],
  admin: [
    "/en/admin",
    "/en/admin/uploads",
    { from: "/en/admin/uploads", link: /^\/en\/admin\/uploads\/\d+$/ },
    "/en/admin/months",
    `/en/admin/months/${MONTH}`,
    `/en/admin/months/${RECONCILIATION_MONTH}`,
    `/en/admin/months/${RECONCILIATION_MONTH}/reconciliation`,
    "/en/admin/settings",
    "/en/admin/settings/calendar",
    "/en/admin/users",
    { from: "/en/admin/users", link: /^\/en\/admin\/users\/\d+$/ },
    "/en/admin/users/bulk",
    "/en/admin/cases",
    "/en/admin/daily",
    "/en/admin/reports",
    `/en/admin/reports/${MONTH}`,
    `/en/reports/${MONTH}/draft`,
    "/en/admin/settings/supervision",
  ],
  // Issue 22 (三员分立): the security and audit administrators' pages.
  security: ["/en/admin/security"],
  auditor: ["/en/admin/audit"],
  signedOut: ["/en/signin"],
};
// Issue 22: one's own sign-in sessions.
PAGES.gaj.push("/en/account/sessions");

/** Han characters and the full-width punctuation of Chinese text (（）：、，。 …). */
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/** Every text in <header> and <main> not inside an element marked Chinese, holding Chinese. */
async function chineseOutsideNames(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const chinese = new RegExp(source, "u");
    const markedChinese = (el: Element) => (el.closest("[lang]")?.getAttribute("lang") ?? "").startsWith("zh");
    const where = (el: Element) => {
      const id = el.closest("[data-testid]")?.getAttribute("data-testid");
      return `<${el.tagName.toLowerCase()}>${id ? ` in [${id}]` : ""}`;
    };
    const found = new Set<string>();
    // An accessible name may quote a name shown on the page ("市公安局 history: cases"): the texts
    // marked Chinese are taken out of attributes before they are read.
    const names = [...document.querySelectorAll("[lang^='zh']")]
      .map((el) => el.textContent?.trim() ?? "")
      .filter((name) => name !== "")
      .sort((a, b) => b.length - a.length);
    const withoutNames = (value: string) => names.reduce((rest, name) => rest.split(name).join(""), value);
    for (const root of document.querySelectorAll("header, main")) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = node.textContent ?? "";
        if (!el || !chinese.test(text) || markedChinese(el)) continue;
        // An SVG <title> is a chart's tooltip (it may name a unit shown beside it, as an
        // accessible name may); <option>s are read when the picker opens.
        const tooltip = el.closest("svg title") !== null;
        if (tooltip && !chinese.test(withoutNames(text))) continue;
        const shown = tooltip || el.closest("option") !== null || el.checkVisibility();
        if (shown) found.add(`${where(el)}: ${text.trim().slice(0, 80)}`);
      }
      for (const el of root.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
        if (markedChinese(el)) continue;
        for (const name of ["aria-label", "title", "placeholder", "alt"]) {
          const value = el.getAttribute(name);
          if (value && chinese.test(withoutNames(value))) found.add(`${where(el)} @${name}: ${value.slice(0, 80)}`);
        }
      }
    }
    return [...found];
  }, CHINESE.source);
}

async function open(page: Page, target: Target): Promise<string> {
  if (typeof target === "string") {
    await page.goto(target);
    return target;
  }
  await page.goto(target.from);
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => target.link.test(h));
  expect(href, `a link ${target.link} on ${target.from}`).toBeTruthy();
  await page.goto(href!);
  return href!;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await ensureReconciliationMonth();
});

for (const account of Object.keys(PAGES) as Array<keyof typeof PAGES>) {
  test.describe(`English text, ${account}`, () => {
    test.use({
      storageState: account === "signedOut" ? { cookies: [], origins: [] } : storageStateOf(account),
    });
    for (const target of PAGES[account]) {
      const name = typeof target === "string" ? target : `${target.from} → ${target.link.source}`;
      test(`${name} reads in English outside names and documents`, async ({ page }) => {
        const path = await open(page, target);
        await expect(page.locator("html")).toHaveAttribute("lang", "en");
        await expect(page.locator("main").first()).toBeVisible();
        await mountCharts(page);
        expect(await chineseOutsideNames(page), `${path} (${account})`).toEqual([]);
      });
    }
  });
}

// /en/admin/cases/[id]: an import staged for the test through the API the page's form uses (a
// small month of its own, 2019-04: no other spec reads it; docs/testing.md), then its page.
test.describe("English text, admin, case import preview", () => {
  test.use({ storageState: storageStateOf("admin") });
  let path = "";
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    const cases =
      "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n" +
      "EN1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-04-01 09:00:00,2019-04-01 10:00:00,2019-04-03 10:00:00\n" +
      "EN2,A2,身份证,市公安局,承诺件,20,5,网上申请,是,2019-04-01 09:00:00,2019-04-01 10:00:00,2019-04-03 10:00:00\n";
    const body = Buffer.from(cases);
    const created = await context.request.post("/api/cases", {
      data: { month: "2019-04", files: [{ name: "办件明细-英文页.csv", size: body.length }] },
      headers: fromSite(),
    });
    const { id } = (await created.json()) as { id: number };
    await context.request.put(`/api/cases/${id}?file=0&offset=0`, {
      data: body,
      headers: { "Content-Type": "application/octet-stream", ...fromSite() },
    });
    for (let i = 0; i < 100; i++) {
      const progress = (await (await context.request.get(`/api/cases/${id}/progress`)).json()) as { status: string };
      if (progress.status !== "TRANSFERRING" && progress.status !== "PROCESSING") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    path = `/en/admin/cases/${id}`;
    await context.close();
  });
  test("/en/admin/cases/[id] reads in English outside names and documents", async ({ page }) => {
    await page.goto(path);
    await expect(page.getByTestId("case-problems")).toBeVisible();
    expect(await chineseOutsideNames(page), path).toEqual([]);
  });
});
