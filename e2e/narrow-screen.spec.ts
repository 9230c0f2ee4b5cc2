// The drill-down as 市公安局 and the reconciliation and the work calendar as the admin, on a phone
// 390 px wide (390 × 844, touch): nothing wider than the page, nothing cut off at its edge, every
// table that is wider than the screen scrolls in a region that is focusable and named, controls are
// targets of 24 px or more, and axe-core finds no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { fillSignInForm, storageStateOf } from "./accounts";
import { createOfficialAccount, withDatabase } from "./database";
import { ensureReconciliationMonth, RECONCILIATION_MONTH } from "./reconciliation-month";

const WIDTH = 390;

type Layout = {
  scrollWidth: number;
  /** Elements reaching past the screen's edge that no scrolling ancestor holds. */
  cutOff: string[];
  /** Scrolling regions wider than the screen that a keyboard cannot reach or a reader cannot name. */
  unreachable: string[];
  /** Controls smaller than 24 px (links inside running text are exempt, WCAG 2.5.8). */
  small: string[];
};

/** `exempt`: a selector whose tables and controls are left out of the region and target checks. */
async function layout(page: Page, exempt = ""): Promise<Layout> {
  return page.evaluate(
    ([width, exempt]) => {
      const skip = (el: Element) => exempt !== "" && el.closest(exempt) !== null;
      const main = document.querySelector("main")!;
      const scroller = (el: Element): HTMLElement | null => {
        for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
          const x = getComputedStyle(e).overflowX;
          if (x === "auto" || x === "scroll" || x === "hidden") return e;
        }
        return null;
      };
      const describe = (el: Element) =>
        `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 24)}"`;
      const cutOff: string[] = [];
      for (const el of main.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || el.closest(".sr-only")) continue;
        if ((r.right > width + 0.5 || r.left < -0.5) && !scroller(el))
          cutOff.push(`${describe(el)} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
      }
      const unreachable: string[] = [];
      for (const table of main.querySelectorAll("table")) {
        if (skip(table)) continue;
        const region = scroller(table);
        if (!region || region.scrollWidth <= region.clientWidth) continue;
        if (region.tabIndex !== 0 || !region.getAttribute("aria-label")) unreachable.push(describe(table));
      }
      const small: string[] = [];
      for (const el of main.querySelectorAll<HTMLElement>(
        "a, button, select, input:not([type=hidden]), textarea, summary",
      )) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || skip(el)) continue;
        // A link in a sentence, a radio or checkbox whose label wraps it (the label is the target).
        if (el.tagName === "A" && el.parentElement?.tagName === "P") continue;
        if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") && el.closest("label"))
          continue;
        if (r.height < 24 || r.width < 24) small.push(`${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
      return { scrollWidth: document.documentElement.scrollWidth, cutOff, unreachable, small };
    },
    [WIDTH, exempt] as const,
  );
}

/**
 * Violations only (axe reports one node of each passing rule, not every node), and axe.run in the
 * page itself (legacy mode), not a partial run carried as JSON to a blank page to be finished there:
 * the app has no frames, which is all that mode is for. The reconciliation of every unit (?all=1,
 * 8,300 elements) took past the test's 60 s; an analysis now takes ~4-7 s instead of 11-17 s.
 */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode()
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

async function check(page: Page, path: string, exempt = "") {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const found = await layout(page, exempt);
  expect(found.scrollWidth, `${path}: the page is wider than the screen`).toBeLessThanOrEqual(WIDTH);
  expect(found.cutOff, `${path}: cut off at the edge`).toEqual([]);
  expect(found.unreachable, `${path}: a scrolling table no keyboard reaches`).toEqual([]);
  expect(found.small, `${path}: targets under 24 px`).toEqual([]);
  expect(await seriousViolations(page), path).toEqual([]);
}

test.use({ viewport: { width: WIDTH, height: 844 }, hasTouch: true, isMobile: true });

test.describe("市公安局 on a phone", () => {
  test.use({ storageState: storageStateOf("gaj") });

  for (const path of [
    "/2020-05/units/d08/items",
    "/2020-05/units/d08/items/P01",
    "/2020-05/units/d08/items/P03",
    "/en/2020-05/units/d08/items",
    "/en/2020-05/units/d08/items/P01",
    // Its home and its own page: the rank cards carry the demo-month mark now (issue 23).
    "/2021-06",
    "/2021-06/units/d08",
    "/en/2021-06/units/d08",
    // Its 预警 page (issue 20).
    "/warnings",
    "/en/warnings",
    // 整改 (issue 21): the unit's own tasks.
    "/rectification",
    "/en/rectification",
  ]) {
    test(path, async ({ page }) => check(page, path));
  }

  test("the items table scrolls sideways in its region, sorts with a tap and leads to an item", async ({ page }) => {
    await page.goto("/2020-05/units/d08/items");
    const region = page.getByRole("region", { name: "事项列表" });
    await expect(region).toBeVisible();
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(page.locator("tr[data-item=P01] [data-field=satisfactionRate]")).toBeInViewport();
    await page.locator("button[data-sort-field=completed]").tap();
    await expect(page.locator("th[aria-sort=descending]")).toHaveCount(1);
    await region.evaluate((el) => el.scrollTo({ left: 0 }));
    await page.locator("tr[data-item=P01]").getByRole("link", { name: "户籍迁移" }).tap();
    await expect(page).toHaveURL(/\/2020-05\/units\/d08\/items\/P01$/);
    await expect(page.getByTestId("item-cases").locator("tbody tr")).toHaveCount(3);
  });
});

test.describe("the admin on a phone", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await ensureReconciliationMonth();
  });

  for (const path of [
    `/admin/months/${RECONCILIATION_MONTH}/reconciliation`,
    `/admin/months/${RECONCILIATION_MONTH}/reconciliation?all=1`,
    `/en/admin/months/${RECONCILIATION_MONTH}/reconciliation`,
  ]) {
    test(path, async ({ page }) => check(page, path));
  }

  test("the reconciliation keeps unit names on one line and its version choice inside the screen", async ({ page }) => {
    await page.goto(`/admin/months/${RECONCILIATION_MONTH}/reconciliation`);
    // The annex version's label holds the uploaded file's name: the select was 592 px wide.
    for (const select of await page.locator("main select").all()) {
      const box = (await select.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
    }
    const row = page.getByTestId("reconciliation-table").locator('tr[data-unit="市公安局"] th[scope=row]');
    // One line of text (it was four, one character each).
    expect((await row.boundingBox())!.height).toBeLessThan(40);
    const region = page.getByRole("region", { name: "逐单位、逐列核对结果" });
    await region.focus();
    await expect(region).toBeFocused();
  });
});

// The calendar with a correction in its table (one the official calendar already has, on a date
// no spec imports: it changes no figure), its table checked like every other.
test.describe("the admin's work calendar on a phone", () => {
  test.use({ storageState: storageStateOf("admin") });
  const DAY = "2018-02-11"; // a Sunday worked in lieu (调休) on the official calendar
  test.beforeAll(() =>
    withDatabase((db) =>
      db.query(
        `INSERT INTO "WorkCalendarOverride" ("date", "isWorkday", "note", "updatedAt") VALUES ($1, true, '窄屏测试：与官方日历相同，说明文字较长以检验窄屏下的表格', now()) ON CONFLICT ("date") DO NOTHING`,
        [DAY],
      ),
    ),
  );
  test.afterAll(() => withDatabase((db) => db.query(`DELETE FROM "WorkCalendarOverride" WHERE "date" = $1`, [DAY])));

  for (const path of ["/admin/settings/calendar", "/en/admin/settings/calendar"]) {
    test(path, async ({ page }) => check(page, path));
  }
});

// The daily feed's admin page (issue 20): the token form and table on a phone.
test.describe("the admin's daily feed page on a phone", () => {
  test.use({ storageState: storageStateOf("admin") });
  for (const path of ["/admin/daily", "/en/admin/daily"]) {
    test(path, async ({ page }) => check(page, path));
  }
});

// Issue 22: one's own sign-in sessions, and the security page with its policy and sessions, on a phone.
test.describe("the sessions pages on a phone", () => {
  test.describe("市公安局", () => {
    test.use({ storageState: storageStateOf("gaj") });
    for (const path of ["/account/sessions", "/en/account/sessions"]) {
      test(path, async ({ page }) => check(page, path));
    }
  });
  test.describe("the security administrator", () => {
    test.use({ storageState: storageStateOf("security") });
    for (const path of ["/admin/security", "/en/admin/security"]) {
      test(path, async ({ page }) => check(page, path));
    }
  });
});
// Issue 22: the sign-in form with its one-time code field, a sign-in with it, and the two-step
// verification page of the account (its enrolment at 390 px: two-factor.spec.ts).
test.describe("sign-in with a one-time code on a phone", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  // The language switch is the header's everywhere else, which these checks leave out (main only).
  for (const path of ["/signin", "/en/signin"]) {
    test(path, async ({ page }) => check(page, path, "[data-testid=language-switch]"));
  }
  test("signs in with the password and the code at 390 px", async ({ page }) => {
    const username = `ns${Date.now() % 1_000_000}`;
    await createOfficialAccount(username, "narrow-test-2021");
    await page.goto("/signin?callbackUrl=%2F2021-06");
    await fillSignInForm(page, username, "narrow-test-2021");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/2021-06$/);
  });
});

test.describe("two-step verification pages on a phone", () => {
  test.use({ storageState: storageStateOf("security") });
  for (const path of ["/account/two-factor", "/en/account/two-factor"]) {
    test(path, async ({ page }) => check(page, path));
  }
});
