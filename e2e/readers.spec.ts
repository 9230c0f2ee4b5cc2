// The readers' views: the official's home answer, a department's own page, finding units,
// annex views reproduced from their URL, truthful states, error pages, phone and print.
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

test.describe("an official", () => {
  test("home names this month's problems and the weakest units, each a link to its page", async ({ page }) => {
    await page.goto("/2021-06");
    const problems = page.getByTestId("home-problems");
    await expect(problems.locator("[data-problem=lowCoverage]")).toContainText("办件覆盖率低于 50.00%");
    await expect(problems.locator("[data-problem=lowCoverage] [data-unit-link=d08]")).toHaveText("市公安局");
    // A problem about the city states the city's figure, as the problems page and the bulletin do,
    // and a comparison with the generated May says so (issue 23).
    await expect(problems.locator("[data-problem=lowCatalogClaim] [data-city-figure]")).toHaveText("全市：97.80%");
    const drop = problems.locator("[data-problem=evaluationRateDrop] [data-city-figure]");
    await expect(drop).toContainText("35.09个百分点");
    await expect(drop).toContainText("上月为示例数据");
    // No problem stands as an empty heading: each has the city's figure or its units.
    for (const item of await problems.locator("[data-problem]").all())
      expect(await item.locator("[data-city-figure], [data-unit-link]").count()).toBeGreaterThan(0);
    const coverage = page.getByTestId("home-weakest").locator("[data-list=lowestCoverage] a[data-unit-link]");
    await expect(coverage).toHaveCount(5);
    const first = await coverage.first().getAttribute("data-unit-link");
    await coverage.first().click();
    await expect(page).toHaveURL(new RegExp(`/2021-06/units/${first}$`));
    await expect(page.getByTestId("unit-standing")).toBeVisible();
  });

  test("KPI cards lead to their detail", async ({ page }) => {
    await page.goto("/2021-06");
    await page.getByTestId("kpi-completed").click();
    await expect(page).toHaveURL(/\/2021-06\/municipal\?sort=completed&dir=desc$/);
    await expect(page.getByTestId("annex-department").locator("tbody tr").first()).toHaveAttribute(
      "data-unit",
      "市公安局",
    );
  });

  test("search finds 市公安局 by pinyin initials, part of its name and its name", async ({ page }) => {
    await page.goto("/2021-06/municipal");
    const input = page.getByRole("combobox", { name: "查找单位" });
    for (const query of ["gaj", "公安", "市公安局"]) {
      await input.fill(query);
      await expect(page.getByRole("listbox", { name: "查找单位" }).getByRole("option").first(), query).toHaveText(
        "市公安局",
      );
    }
    await input.fill("市人社局");
    await expect(page.getByRole("listbox", { name: "查找单位" }).getByRole("option").first()).toHaveText(
      "市人力资源和社会保障局",
    );
    await input.fill("gaj");
    await input.press("Enter");
    await expect(page).toHaveURL(/\/2021-06\/units\/d08$/);
  });

  test("a filtered, sorted annex URL reproduces itself in a new browser context", async ({ page, browser }) => {
    await page.goto("/2021-06/municipal");
    const table = page.getByTestId("annex-department");
    await page.locator("[data-filter=below]").fill("50");
    await table.locator("button[data-sort-field=coverageRate]").click(); // desc
    await table.locator("button[data-sort-field=coverageRate]").click(); // asc
    await expect(page).toHaveURL(/sort=coverageRate&dir=asc&below=50/);
    const names = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit")));
    expect(names.length).toBeGreaterThan(5);
    expect(names.length).toBeLessThan(41);

    const fresh = await browser.newContext({ storageState: storageStateOf("official") });
    const again = await fresh.newPage();
    await again.goto(page.url());
    const table2 = again.getByTestId("annex-department");
    await expect(table2.locator("tbody tr")).toHaveCount(names.length);
    expect(
      await table2.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-unit"))),
    ).toEqual(names);
    await expect(again.locator("[data-filter=below]")).toHaveValue("50");
    await fresh.close();
  });

  test("filters: no cases, overdue", async ({ page }) => {
    await page.goto("/2021-06/municipal?nocases=1");
    const rows = page.getByTestId("annex-department").locator("tbody tr");
    // The view in the URL applies once the page has loaded.
    await expect(page.getByTestId("annex-shown")).not.toContainText("41 / 41");
    const count = await rows.count();
    expect(count).toBeGreaterThan(5);
    await expect(rows.locator("[data-no-cases]")).toHaveCount(count);
    await page.goto("/2021-06/districts?overdue=1");
    await expect(
      page.getByTestId("annex-none").or(page.getByTestId("annex-district").locator("tbody tr").first()),
    ).toBeVisible();
  });

  test("a rate with no base shows — with its reason, not 0.00%", async ({ page }) => {
    await page.goto("/2021-06/municipal");
    const cell = page
      .getByTestId("annex-department")
      .locator("tr[data-unit=市发展和改革委员会] [data-field=handlingSpeedupRate]");
    await expect(cell).toHaveAttribute("data-no-base");
    await expect(cell).toHaveAttribute("title", "本月无承诺件办结，该比率没有基数");
    await expect(cell).not.toContainText("0.00%");
    await expect(cell.locator("[aria-hidden]")).toHaveText("—");
    // The bulletin's annex prints the same cell the same way, and says what the mark means.
    await page.goto("/reports/2021-06");
    const annex = page.getByTestId("bulletin-annex1");
    const printed = annex.locator("tr[data-unit=市发展和改革委员会] [data-field=handlingSpeedupRate]");
    await expect(printed).toHaveAttribute("data-no-base");
    await expect(printed).toHaveText("—");
    await expect(annex).toContainText("—：无计算基数（分母为0）");
    await page.goto("/2021-06/municipal");
    // A real negative rate keeps its value, with the one minus sign.
    await expect(
      page.getByTestId("annex-department").locator("tr[data-unit=市自然资源和规划局] [data-field=handlingSpeedupRate]"),
    ).toHaveText("\u221219.97%");
  });

  test("404 inside the app: navigation and the months that exist", async ({ page }) => {
    for (const path of ["/2030-01", "/2021-13", "/2021-06/units/d99", "/reports/2030-01"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
      await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
      await expect(page.getByTestId("months-that-exist").getByRole("link", { name: "2021年6月" })).toBeVisible();
    }
  });

  test("a download of a missing month answers with a page in the reader's language", async ({ page }) => {
    for (const path of ["/api/reports/2030-01/bulletin.pdf", "/api/export/2030-01/annex/departments"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      expect(response?.headers()["content-type"]).toContain("text/html");
      await expect(page.getByTestId("download-missing")).toHaveText("没有可下载的数据");
      await expect(page.locator("body")).toContainText("2021年6月");
    }
  });

  test("the theme follows the system and can be switched", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/2021-06");
    await expect(page.locator("html")).toHaveClass(/dark/);
    const toggle = page.getByTestId("theme-toggle");
    await toggle.click(); // system → light
    await expect(toggle).toHaveAttribute("data-theme-choice", "light");
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.reload();
    await expect(page.locator("html")).not.toHaveClass(/dark/);
    await page.getByTestId("theme-toggle").click(); // light → dark
    await expect(page.locator("html")).toHaveClass(/dark/);
  });

  test("printing drops the navigation and names the month and scope", async ({ page }) => {
    await page.goto("/2021-06/municipal");
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("main-nav")).toBeHidden();
    await expect(page.getByTestId("month-picker")).toBeHidden();
    await expect(page.getByTestId("viewer-menu")).toBeHidden();
    await expect(page.getByTestId("print-heading")).toHaveText("达州市政务服务运行情况 · 市本级 · 2021年6月");
  });

  test.describe("at 390 px", () => {
    test.use({ viewport: { width: 390, height: 844 } });
    test("the tabs scroll with a hint, and the annex keeps names and 本月无办件 in view", async ({ page }) => {
      await page.goto("/2021-06");
      await expect(page.getByTestId("nav-scroll-hint")).toBeVisible();
      await page.goto("/2021-06/municipal");
      const row = page.getByTestId("annex-department").locator("tr[data-unit=市委宣传部]");
      await row.scrollIntoViewIfNeeded();
      const name = row.locator("th a");
      await expect(name).toBeInViewport();
      await expect(row.locator("[data-no-cases] span")).toBeInViewport();
    });
  });
});

test.describe("a department user (市公安局)", () => {
  test.use({ storageState: storageStateOf("gaj") });

  test("its unit page leads with its rank on every measure and the problem naming it", async ({ page }) => {
    await page.goto("/2021-06/units/d08");
    const standing = page.getByTestId("unit-standing").locator("[data-rank]");
    await expect(standing).toHaveCount(20);
    for (const text of await standing.locator("[data-rank-value]").allTextContents())
      expect(text).toMatch(/^第 \d+ \/ 41 名$/);
    await expect(page.locator("[data-rank=completed] [data-rank-value]")).toHaveText("第 1 / 41 名");
    const problem = page.getByTestId("unit-problems").locator("[data-problem=lowCoverage]");
    await expect(problem).toContainText("42.86%");
    // The rank comes before the problems and the trend, also on a phone.
    const rankBox = await page.getByTestId("unit-standing").boundingBox();
    const problemsBox = await page.getByTestId("unit-problems").boundingBox();
    expect(rankBox!.y).toBeLessThan(problemsBox!.y);
  });

  test("search offers its own unit only, and the search data holds no other unit", async ({ page }) => {
    await page.goto("/2021-06/units/d08");
    const input = page.getByRole("combobox", { name: "查找单位" });
    await input.fill("gaj");
    await expect(page.getByRole("listbox", { name: "查找单位" }).getByRole("option")).toHaveText(["市公安局"]);
    await input.fill("宣汉");
    await expect(page.getByTestId("unit-search")).toContainText("没有找到匹配的单位");
    await expect(page.getByRole("listbox", { name: "查找单位" }).getByRole("option")).toHaveCount(0);
    const entries = (await (await page.request.get("/api/units/search")).json()) as Array<{ code: string }>;
    expect(entries.map((e) => e.code)).toEqual(["d08"]);
    // The officials' version of the home page is no URL, for gaj or anyone.
    expect((await page.request.get("/2021-06/all-units")).status()).toBe(404);
  });

  test("home names no other unit", async ({ page }) => {
    await page.goto("/2021-06");
    await expect(page.getByTestId("kpi-applied")).toBeVisible();
    await expect(page.getByTestId("home-problems")).toHaveCount(0);
    await expect(page.locator("main")).not.toContainText("宣汉县");
  });
});

test.describe("the admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates accounts in bulk from a CSV, sees each one-time password once, and the audit log says so in words", async ({
    page,
    browser,
  }) => {
    const suffix = Date.now().toString(36).slice(-5);
    await page.goto("/admin/users/bulk");
    await page.getByTestId("bulk-file").setInputFiles({
      name: "accounts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        `\uFEFF用户名,姓名,单位,角色\r\nsfj${suffix},市司法局,市司法局,\r\ndc${suffix},达川区,达川区,部门/地区用户\r\n`,
        "utf-8",
      ),
    });
    await page.getByRole("button", { name: "检查并创建" }).click();
    const created = page.getByTestId("bulk-created");
    await expect(created.locator("tr[data-username]")).toHaveCount(2);
    await expect(created.locator(`tr[data-username=sfj${suffix}] [data-password]`)).toHaveText(/^[a-zA-Z2-9]{12}$/);

    // The audit log is the audit administrator's (三员分立, issue 22).
    const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
    const log = await auditor.newPage();
    await log.goto("/admin/audit?action=user.bulkCreate");
    await expect(log.getByTestId("audit-table").locator("[data-audit-sentence]").first()).toHaveText(
      "系统管理员 批量创建了 2 个账号",
    );
    await expect(log.getByTestId("audit-table").locator("tbody tr:not([data-action='user.bulkCreate'])")).toHaveCount(
      0,
    );
    await auditor.close();
  });

  // Issue 19, item 3: a body over Next's server-action limit (1 MB) was a bare 500.
  test("a file over the size limit is refused by the form, in the page's language, and sends nothing", async ({
    page,
  }) => {
    const big = { name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(1536 * 1024, 0x61) };
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.goto("/admin/users/bulk");
    await page.getByTestId("bulk-file").setInputFiles(big);
    await page.getByRole("button", { name: "检查并创建" }).click();
    await expect(page.getByTestId("bulk-errors")).toContainText(
      "文件 big.csv 为 1.5 MB，超过上限 960 KB，未上传。一次最多创建 500 个账号",
    );
    await page.goto("/en/admin/users/bulk");
    await page.getByTestId("bulk-file").setInputFiles(big);
    await page.getByRole("button", { name: "Check and create" }).click();
    await expect(page.getByTestId("bulk-errors")).toContainText(
      "File big.csv is 1.5 MB, over the limit of 960 KB; it was not sent.",
    );
    expect(posts).toEqual([]);
  });

  test("a file with errors creates nothing and says where", async ({ page }) => {
    await page.goto("/admin/users/bulk");
    await page.getByTestId("bulk-file").setInputFiles({
      name: "bad.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("用户名,姓名,单位,角色\r\nokname,甲,不存在的局,\r\n"),
    });
    await page.getByRole("button", { name: "检查并创建" }).click();
    await expect(page.getByTestId("bulk-errors")).toContainText(
      "文件 bad.csv，第 2 行，“单位”列：单位“不存在的局”不在单位名录中",
    );
  });
});
