// English at /en/… (docs/language.md): the header's switch keeps the page and
// changes only the language; the figures are the bulletin's in both; the gate refuses a
// department user other units in English exactly as in Chinese; refusals are drawn in
// the app's layout with their status, in the request's language.
import { expect, test } from "@playwright/test";
import { en } from "../lib/i18n/en";
import { fillSignInForm, storageStateOf } from "./accounts";

const DOWNLOAD_MISSING_EN = en.readers.errors.downloadMissingTitle;
const kpi = (page: import("@playwright/test").Page, field: string) =>
  page.getByTestId(`kpi-${field}`).locator("[data-kpi-value]");

test.describe("as the official", () => {
  test("switches /2021-06/municipal to English and back, on the same page", async ({ page }) => {
    await page.goto("/2021-06/municipal");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("市本级");
    const sw = page.getByTestId("language-switch");
    await expect(sw.getByRole("link", { name: "中文" })).toHaveAttribute("aria-current", "page");
    await expect(sw.getByRole("link", { name: "English" })).toHaveAttribute("lang", "en");
    await sw.getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/en\/2021-06\/municipal$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Municipal level");
    await expect(sw.getByRole("link", { name: "English" })).toHaveAttribute("aria-current", "page");
    // Links inside the app keep the language: the tabs lead to /en/….
    await expect(page.getByTestId("main-nav").getByRole("link").first()).toHaveAttribute("href", "/en/2021-06");
    await page.getByTestId("main-nav").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/en\/2021-06$/);
    await expect(kpi(page, "activeEvaluationRate")).toHaveText("93.94%");
    await expect(kpi(page, "applied")).toContainText("1,048,053");
    await sw.getByRole("link", { name: "中文" }).click();
    await expect(page).toHaveURL(/\/2021-06$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(kpi(page, "activeEvaluationRate")).toHaveText("93.94%");
    await expect(kpi(page, "applied")).toHaveText("1,048,053件");
  });

  test("the switch keeps the sort and filters of the page (the query string)", async ({ page }) => {
    await page.goto("/2021-06/municipal?sort=coverageRate&dir=asc&below=50");
    await page.getByTestId("language-switch").getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/en\/2021-06\/municipal\?sort=coverageRate&dir=asc&below=50$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("the month picker stays in English", async ({ page }) => {
    await page.goto("/en/2021-06/municipal");
    const picker = page.getByTestId("month-picker");
    const other = await picker
      .locator("option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v !== "2021-06"));
    test.skip(!other, "only one month is published");
    await picker.selectOption(other!);
    await expect(page).toHaveURL(new RegExp(`/en/${other}/municipal$`));
  });

  test("a month that does not exist is a 404 inside the layout, in the page's language, with the months listed", async ({
    page,
  }) => {
    for (const [path, title, lang] of [
      ["/en/2030-01", "Page not found", "en"],
      ["/2030-01", "没有找到该页面", "zh-CN"],
      ["/en/nowhere/at/all", "Page not found", "en"],
      ["/zh-CN/2021-06", "没有找到该页面", "zh-CN"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByTestId("not-found"), path).toHaveText(title);
      await expect(page.locator("html"), path).toHaveAttribute("lang", lang);
      await expect(page.getByTestId("main-nav"), path).toBeVisible();
      await expect(
        page.getByTestId("months-that-exist").getByRole("link", { name: /2021/ }).first(),
        path,
      ).toBeVisible();
      const href = await page.getByTestId("months-that-exist").getByRole("link").first().getAttribute("href");
      expect(href, path).toMatch(lang === "en" ? /^\/en\/\d{4}-\d{2}$/ : /^\/\d{4}-\d{2}$/);
    }
  });

  test("a download of a month that does not exist, opened from an English page, answers in English", async ({
    page,
  }) => {
    await page.goto("/en/2021-06");
    // page.goto sends the Referer given: the download is opened from the English page.
    const response = await page.goto("/api/reports/2030-01/bulletin.docx", {
      referer: new URL("/en/2021-06", page.url()).href,
    });
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-type"]).toContain("text/html");
    await expect(page.getByTestId("download-missing")).toHaveText(DOWNLOAD_MISSING_EN);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("a[href='/en/2021-06']")).toHaveCount(1);
  });

  test("signed out, /en/… signs in in English and comes back to the English page", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto("/en/2021-06/municipal");
    await expect(page).toHaveURL(/\/en\/signin\?callbackUrl=%2Fen%2F2021-06%2Fmunicipal$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await fillSignInForm(page, "official", "official-demo-2021", "en");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/en\/2021-06\/municipal$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Municipal level");
    await context.close();
  });
});

test.describe("as a department user (gaj, 市公安局 d08)", () => {
  test.use({ storageState: storageStateOf("gaj") });

  test("gets its own unit in English and nothing of another unit", async ({ page }) => {
    const home = await page.goto("/en");
    expect(home?.status()).toBe(200);
    await expect(page).toHaveURL(/\/en\/2021-06\/units\/d08$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("市公安局");
    const city = await page.goto("/en/2021-06");
    expect(city?.status()).toBe(200);
    await expect(kpi(page, "activeEvaluationRate")).toHaveText("93.94%");

    for (const path of [
      "/en/2021-06/units/x04",
      "/en/2021-06/units/d13",
      "/en/2021-06/municipal",
      "/EN/2021-06/units/x04",
      "/%65n/2021-06/units/x04",
      "/en%2F2021-06%2Funits%2Fx04",
      "/en/en/2021-06/units/x04",
      "/en/./2021-06/units/x04",
    ]) {
      const response = await page.goto(path);
      expect([403, 404], path).toContain(response?.status());
      await expect(page.getByTestId(response?.status() === 403 ? "forbidden" : "not-found"), path).toBeVisible();
      await expect(page.getByTestId("unit-heading"), path).toHaveCount(0);
    }
    const refused = await page.goto("/en/2021-06/units/x04");
    expect(refused?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toHaveText("Not allowed");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // Inside the app's layout: the header and its navigation (own unit, no annex tabs).
    await expect(page.getByTestId("main-nav")).toBeVisible();
    await expect(page.getByTestId("months-that-exist")).toBeVisible();
    const zh = await page.goto("/2021-06/units/x04");
    expect(zh?.status()).toBe(403);
    await expect(page.getByTestId("forbidden")).toHaveText("无权访问");
  });
});
