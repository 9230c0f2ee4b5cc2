// WCAG 2.1 AA with axe-core on every page, for each kind of reader (official, a department
// user, the admin on the admin pages), in the light and the dark theme: no serious or
// critical violation. Charts are mounted first (they load when scrolled near).
//
// Each page is loaded once and checked in both themes: light, then the reader's system switched
// to dark (page.emulateMedia), which the page follows as it would have loaded
// (lib/theme/theme-script.ts listens for the change; no colour is computed in script, none
// is animated). Loading every page twice cost a navigation, a chart mount and a context each.
// Error pages (404, 403) do not follow the change: they are loaded again in the dark theme.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { type AccountKey, storageStateOf } from "./accounts";
import { mountCharts } from "./charts";
import { ensureReconciliationMonth, RECONCILIATION_MONTH } from "./reconciliation-month";
import { fromSite } from "./same-origin";

// Each page is a test of its own that may run in either worker (their order does not matter).
test.describe.configure({ mode: "parallel" });

const MONTH = "2021-06";
const PAGES: Record<"official" | "gaj" | "admin" | "security" | "auditor", string[]> = {
  official: [
    // 整改 (issue 21): the board; a task's page is checked in rectification.spec.ts, on the task it makes.
    "/rectification",
    `/${MONTH}`,
    `/${MONTH}/municipal`,
    `/${MONTH}/districts`,
    `/${MONTH}/evaluations`,
    `/${MONTH}/timeliness`,
    `/${MONTH}/problems`,
    `/reports/${MONTH}`,
    `/${MONTH}/units/d08`,
    `/${MONTH}/units/d01`,
    `/${MONTH}/units/x04`,
    `/${MONTH}/municipal?sort=coverageRate&dir=asc&below=50`,
    "/2030-01",
    `/${MONTH}/units/d99`,
    // The drill-down on the fixture month of case records (test/fixtures/case-month.ts).
    "/2020-05/units/d08/items",
    "/2020-05/units/d08/items/P01",
    "/2020-05/timeliness",
    // English (/en/…): the same pages, the 404 inside the layout.
    `/en/${MONTH}`,
    `/en/${MONTH}/municipal`,
    `/en/${MONTH}/evaluations`,
    `/en/reports/${MONTH}`,
    `/en/${MONTH}/units/x04`,
    "/en/2030-01",
    "/en/2020-05/units/d08/items/P01",
    // Supervision (issue 20): the 预警 list of every unit, the board, the wall display.
    "/warnings",
    "/warnings/board",
    "/en/warnings/board",
    "/wall",
  ],
  // /municipal: the proxy refuses it with the 403 page drawn inside the layout (docs/language.md).
  gaj: [
    "/rectification",
    `/${MONTH}`,
    `/${MONTH}/units/d08`,
    "/2030-01",
    `/${MONTH}/municipal`,
    `/en/${MONTH}/units/d08`,
    `/en/${MONTH}/municipal`,
    "/2020-05/units/d08",
    "/2020-05/units/d08/items",
    "/2020-05/units/d08/items/P01",
    "/warnings",
    "/en/warnings",
  ],
  admin: [
    "/en/admin/users",
    "/en/admin/months",
    "/admin/users",
    "/admin/users/bulk",
    "/admin/uploads",
    "/admin/months",
    "/admin/settings",
    "/admin/reports",
    `/admin/months/${RECONCILIATION_MONTH}/reconciliation`,
    "/admin/settings/calendar",
    "/admin/settings/supervision",
  ],
  // Issue 22 (三员分立): the security and audit administrators' pages.
  // Issue 22: the account's two-step verification page (enrolled; the enrolment itself in two-factor.spec.ts).
  security: ["/admin/security", "/en/admin/security", "/account/two-factor", "/en/account/two-factor"],
  auditor: ["/admin/audit", "/en/admin/audit"],
};

// The case import list (/admin/cases); its preview page is checked below, on an import made for it.
PAGES.admin.push("/admin/cases");
// The daily feed's tokens and month close (issue 20).
PAGES.admin.push("/admin/daily", "/en/admin/daily");
// Issue 22: one's own sign-in sessions (a department user's), and the password change page.
PAGES.gaj.push("/account/sessions", "/en/account/sessions");

/**
 * Violations only (axe reports one node of each passing rule instead of every node), and axe.run in
 * the page itself (legacy mode) instead of a partial run carried as JSON to a blank page to be
 * finished there: the app has no frames, which is all that mode is for. Measured on the heaviest
 * pages: /reports/2021-06 6.3 → 1.9 s an analysis, the reconciliation of every unit 17 → 4.4 s.
 */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode()
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      count: v.nodes.length,
      first: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1] ?? ""}`),
    }));
}

// The reconciliation page needs its month (case records and an uploaded annex).
test.beforeAll(async () => {
  test.setTimeout(120_000);
  await ensureReconciliationMonth();
});

const SCHEMES = ["light", "dark"] as const;

for (const account of Object.keys(PAGES) as Array<keyof typeof PAGES>) {
  test.describe(`axe, ${account}`, () => {
    test.use({ storageState: storageStateOf(account as AccountKey), colorScheme: "light" });
    for (const path of PAGES[account]) {
      test(`${path} (light, dark)`, async ({ page }) => {
        const response = await page.goto(path);
        // A 404 or 403 is drawn from an error shell, where the head script does not run: its theme
        // is applied once, on hydration, and does not follow the system's afterwards. Loaded again.
        const followsSystem = response?.status() === 200;
        const proxyRefusal =
          (await page.getByTestId("forbidden").count()) > 0 && (await page.getByTestId("main-nav").count()) === 0;
        await mountCharts(page);
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme });
          if (!followsSystem && scheme !== SCHEMES[0]) {
            await page.reload();
            await mountCharts(page);
          }
          if (!proxyRefusal)
            await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark).*$/);
          // Soft: a violation in the light theme does not keep the dark one from being checked.
          expect.soft(await seriousViolations(page), `${path} (${account}, ${scheme})`).toEqual([]);
        }
      });
    }
  });
}

// /admin/cases/[id]: an import staged for the test through the same API the page's form uses
// (a small month, 2019-07: no other spec reads it), then its preview page in both themes.
test.describe("axe, admin, case import preview", () => {
  test.use({ storageState: storageStateOf("admin") });
  let path = "";
  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    const cases =
      "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n" +
      "A11Y1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-07-01 09:00:00,2019-07-01 10:00:00,2019-07-03 10:00:00\n" +
      "A11Y2,A2,身份证,市公安局,承诺件,20,5,网上申请,否,2019-07-01 09:00:00,2019-07-01 10:00:00,2019-07-03 10:00:00\n";
    const body = Buffer.from(cases);
    const created = await context.request.post("/api/cases", {
      data: { month: "2019-07", files: [{ name: "a11y.csv", size: body.length }] },
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
    path = `/admin/cases/${id}`;
    await context.close();
  });
  test("/admin/cases/[id] (light, dark)", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(path);
    await expect(page.getByTestId("case-problems")).toBeVisible();
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /dark/ : /^(?!.*dark).*$/);
      expect.soft(await seriousViolations(page), `${path} (admin, ${scheme})`).toEqual([]);
    }
  });
});
