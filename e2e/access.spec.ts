// Who sees what, in the browser and over HTTP: each demo account signs in (auth.setup.ts)
// and tries every page and export, including other units' by editing the URL.
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { ACCOUNTS, type AccountKey, fillSignInForm, storageStateOf } from "./accounts";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every page sends you to sign-in, and back after it", async ({ page }) => {
    await page.goto("/2021-06/municipal");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F2021-06%2Fmunicipal/);
    await fillSignInForm(page, ACCOUNTS.official.username, ACCOUNTS.official.password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/2021-06\/municipal$/);
    await expect(page.getByTestId("municipal-kpi-applied").locator("[data-kpi-value]")).toHaveText("46,016件");
  });

  test("a wrong password says so, in Chinese", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("用户名").fill("official");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("signin-error")).toContainText("用户名或密码不正确。");
  });

  test("exports refuse signed-out requests", async ({ baseURL }) => {
    const anonymous = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    expect((await anonymous.get("/api/export/2021-06/annex/departments")).status()).toBe(401);
    expect((await anonymous.get("/api/export/2021-06/unit/d08")).status()).toBe(401);
    await anonymous.dispose();
  });
});

test.describe("a department user (市公安局)", () => {
  test.use({ storageState: storageStateOf("gaj") });

  test("sees the city totals and its own unit, with no links to other units' tables", async ({ page }) => {
    await page.goto("/2021-06");
    await expect(page.getByTestId("kpi-applied").locator("[data-kpi-value]")).toHaveText("1,048,053件");
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "本单位" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "市本级" })).toHaveCount(0);
    await nav.getByRole("link", { name: "本单位" }).click();
    await expect(page).toHaveURL(/\/2021-06\/units\/d08$/);
    await expect(page.locator("dd[data-field=completed]")).toContainText("11,933");
    await expect(page.locator("[data-rank=completed]")).toContainText("第 1 / 41 名");
  });

  test("its browser asks for nothing it would be refused (no prefetch of other units' tables)", async ({ page }) => {
    // By URL, not status: a refused prefetch may be answered 200 with the refusal page's payload.
    const refused: string[] = [];
    page.on("request", (r) => {
      const { pathname } = new URL(r.url());
      if (/\/(municipal|districts|evaluations)$/.test(pathname) || /\/units\/(?!d08(\/|$))/.test(pathname))
        refused.push(r.url());
    });
    for (const path of ["/2021-06", "/2021-06/units/d08", "/2020-05/units/d08/items"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // Scrolled through, so links further down come into view (Next prefetches visible links).
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(500);
    }
    expect(refused).toEqual([]);
  });

  test("is refused other units' pages, whatever the URL", async ({ page }) => {
    for (const path of [
      "/2021-06/municipal",
      "/2021-06/districts",
      "/2021-06/units/d13",
      "/2021-06/units/x04",
      "/2021-05/units/d39",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("forbidden")).toHaveText("无权访问");
      // The refusal holds no figures of the unit asked for.
      await expect(page.locator("body")).not.toContainText("6,506");
    }
  });
});

test.describe("a county user (宣汉县)", () => {
  test.use({ storageState: storageStateOf("xuanhan") });

  test("sees its own row, not its neighbours'", async ({ page }) => {
    await page.goto("/2021-06/units/x04");
    await expect(page.getByTestId("unit-heading")).toHaveText("宣汉县运行情况");
    await expect(page.locator("dd[data-field=completed]")).toContainText("141,678");
    await expect(page.getByTestId("evaluation-rate")).toContainText("92.03%");
    expect((await page.goto("/2021-06/units/x01"))?.status()).toBe(403);
  });
});

test.describe("an official", () => {
  test("reads every unit but cannot administer", async ({ page }) => {
    await page.goto("/2021-06/units/x01");
    await expect(page.locator("dd[data-field=completed]")).toContainText("48,935");
    expect((await page.goto("/admin/users"))?.status()).toBe(403);
  });
});

// The isolation matrix over HTTP: every page and export, as every account.
const MATRIX: Array<{ path: string; allowed: AccountKey[] }> = [
  { path: "/2021-06", allowed: ["admin", "official", "gaj", "xuanhan"] },
  { path: "/2021-06/municipal", allowed: ["admin", "official"] },
  { path: "/2021-06/districts", allowed: ["admin", "official"] },
  { path: "/2021-06/units/d08", allowed: ["admin", "official", "gaj"] },
  { path: "/2021-06/units/x04", allowed: ["admin", "official", "xuanhan"] },
  { path: "/2021-06/units/d13", allowed: ["admin", "official"] },
  { path: "/api/export/2021-06/annex/departments", allowed: ["admin", "official"] },
  { path: "/api/export/2021-06/annex/districts", allowed: ["admin", "official"] },
  { path: "/api/export/2021-06/unit/d08", allowed: ["admin", "official", "gaj"] },
  { path: "/api/export/2021-06/unit/x04", allowed: ["admin", "official", "xuanhan"] },
  { path: "/api/export/2021-06/unit/d13", allowed: ["admin", "official"] },
  { path: "/admin/users", allowed: ["admin"] },
  // The daily feed (issue 20): its admin page; its API document is public.
  { path: "/admin/daily", allowed: ["admin"] },
  { path: "/api/v1/openapi.json", allowed: ["admin", "official", "gaj", "xuanhan", "security", "auditor"] },
  // 三员分立 (issue 22): the audit trail is the audit administrator's, the access rules and locks
  // the security administrator's; neither reads a report.
  { path: "/admin/audit", allowed: ["auditor"] },
  { path: "/api/audit/events.csv", allowed: ["auditor"] },
  { path: "/admin/security", allowed: ["security"] },
  { path: "/admin/settings", allowed: ["admin"] },
  // Issue 22: one's own two-step verification page, for every account.
  { path: "/account/two-factor", allowed: ["admin", "official", "gaj", "xuanhan", "security", "auditor"] },
];

test("isolation matrix: allowed requests succeed, the others are refused", async ({ baseURL }) => {
  for (const account of Object.keys(ACCOUNTS) as AccountKey[]) {
    const context = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf(account) });
    for (const { path, allowed } of MATRIX) {
      const response = await context.get(path, { maxRedirects: 0 });
      const expected = allowed.includes(account) ? 200 : 403;
      expect(response.status(), `${account} ${path}`).toBe(expected);
    }
    await context.dispose();
  }
});

test("a department user's own export holds its figures and no one else's", async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("gaj") });
  const csv = await (await context.get("/api/export/2021-06/unit/d08")).text();
  expect(csv.split("\r\n")[1]).toContain("2021-06,,11924,11924,11933");
  await context.dispose();
});
