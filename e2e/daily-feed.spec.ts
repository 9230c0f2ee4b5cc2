// The daily feed end to end (issue 20): an admin creates a machine token on /admin/daily and
// sees it once; the platform pushes a day's batch to POST /api/v1/cases with it; the month
// shows as 本月截至 X 日 (provisional) with the batch's figures; the next day's batch replaces the
// case's state by 办件编号; a replay changes nothing; the admin sees the token's last use,
// closes the month (the mark goes), and revokes the token (the next push is refused).
// Own month 2019-01 (before the seeded history; docs/testing.md), case numbers DF-….
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

const MONTH = "2019-01";
const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n";
const DAY1 =
  HEADER +
  "DF-1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-01-07 09:00:00,2019-01-07 10:00:00,\n" +
  "DF-2,A1,户籍迁移,市公安局,承诺件,20,5,窗口申请,否,2019-01-07 09:00:00,2019-01-07 10:00:00,2019-01-08 10:00:00\n" +
  "DF-3,B1,低保,宣汉县,承诺件,10,2,网上申请,否,2019-01-07 09:00:00,2019-01-07 09:00:00,\n";
const DAY2 =
  HEADER +
  "DF-1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-01-07 09:00:00,2019-01-07 10:00:00,2019-01-09 16:00:00\n";

async function figure(page: Page, code: string, field: string): Promise<string> {
  await page.goto(`/${MONTH}/units/${code}`);
  return ((await page.locator(`dd[data-field=${field}] span.tabular`).first().textContent()) ?? "").trim();
}

test.describe.configure({ mode: "serial" });

test("a token made on the admin page; a batch pushed through the API shows in the month to date", async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const official = await browser.newContext({ storageState: storageStateOf("official") });
  try {
    const page = await admin.newPage();
    await page.goto("/admin/daily");
    const form = page.getByTestId("create-token-form");
    await form.getByLabel("名称").fill("e2e platform push");
    await form.getByRole("button", { name: "创建令牌" }).click();
    const shown = page.getByTestId("new-token");
    await expect(shown).toHaveText(/^gsd_[A-Za-z0-9_-]{43}$/, { timeout: 30_000 });
    const token = ((await shown.textContent()) ?? "").trim();
    const row = page.locator('tr[data-token-name="e2e platform push"]');
    await expect(row.getByTestId("token-last-used")).toHaveText("从未使用");
    // Shown once: a reload shows the list, never the token again.
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    expect(await page.content()).not.toContain(token);

    // A signed-in admin's session (and this site's Origin) is no token: 401.
    const withSession = await admin.request.post(`/api/v1/cases?date=${MONTH}-07`, {
      headers: { "content-type": "text/csv", origin: new URL(page.url()).origin },
      data: DAY1,
    });
    expect(withSession.status()).toBe(401);
    // Without the token: 401, as JSON.
    const refused = await request.post(`/api/v1/cases?date=${MONTH}-07`, {
      headers: { "content-type": "text/csv" },
      data: DAY1,
    });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).messageEn).toMatch(/no token/i);

    const push = (body: string, date: string, bearer = token) =>
      request.post(`/api/v1/cases?date=${date}&name=cases-${date}.csv`, {
        headers: { "content-type": "text/csv", authorization: `Bearer ${bearer}` },
        data: body,
      });
    const day1 = await push(DAY1, `${MONTH}-07`);
    expect(day1.status()).toBe(200);
    expect(await day1.json()).toMatchObject({ status: "ingested", month: MONTH, cases: 3, applied: 3 });

    // The month to date, marked provisional, with the batch's figures.
    const view = await official.newPage();
    expect(await figure(view, "d08", "applied")).toBe("2");
    await expect(view.getByTestId("provisional-banner")).toHaveAttribute("data-as-of", `${MONTH}-07`);
    await expect(view.getByTestId("provisional-banner")).toContainText("本月截至 7 日");
    expect(await figure(view, "d08", "completed")).toBe("1");

    // Day 2: DF-1 completed, replacing its state; sent twice, counted once.
    const day2 = await push(DAY2, `${MONTH}-09`);
    expect(await day2.json()).toMatchObject({ status: "ingested", applied: 1, stale: 0 });
    const replay = await push(DAY2, `${MONTH}-09`);
    expect(await replay.json()).toMatchObject({ status: "duplicate" });
    expect(await figure(view, "d08", "completed")).toBe("2");
    expect(await figure(view, "d08", "applied")).toBe("2");
    await expect(view.getByTestId("provisional-banner")).toHaveAttribute("data-as-of", `${MONTH}-09`);

    // The English page says the same in English, without Chinese; the mark passes axe in both themes.
    await view.goto(`/en/${MONTH}/units/d08`);
    const banner = view.getByTestId("provisional-banner");
    await expect(banner).toContainText("Month to date, through day 9");
    expect(await banner.textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    for (const scheme of ["light", "dark"] as const) {
      await view.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page: view })
        .include("[data-testid=provisional-banner]")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      expect(
        results.violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
        scheme,
      ).toEqual([]);
    }
    // The bulletin's draft of the month says it is provisional too.
    await view.goto(`/reports/${MONTH}`);
    await expect(view.getByTestId("provisional-banner")).toHaveAttribute("data-as-of", `${MONTH}-09`);

    // The admin sees the last use, closes the month, revokes the token.
    await page.goto("/admin/daily");
    await expect(row.getByTestId("token-last-used")).not.toHaveText("从未使用");
    const provisional = page.locator(`[data-testid=provisional-months] li[data-month="${MONTH}"]`);
    await expect(provisional).toContainText(`${MONTH}-09`);
    await provisional.getByRole("button", { name: "关账" }).click();
    await expect(page.getByTestId("form-message").first()).toContainText(`${MONTH} 已关账`, { timeout: 30_000 });
    await view.goto(`/${MONTH}/units/d08`);
    await expect(view.getByTestId("provisional-banner")).toHaveCount(0);
    expect(await figure(view, "d08", "completed")).toBe("2");

    await page.goto("/admin/daily");
    await row.getByRole("button", { name: "吊销令牌“e2e platform push”" }).click();
    await expect(row.getByTestId("token-status")).toContainText("吊销", { timeout: 30_000 });
    const afterRevoke = await push(DAY2.replace("16:00:00", "17:00:00"), `${MONTH}-10`);
    expect(afterRevoke.status()).toBe(401);
  } finally {
    await admin.close();
    await official.close();
  }
});
