// Supervision end to end through the daily feed (issue 20's "Done when"): a day's batch pushed
// through POST /api/v1/cases turns a 市公安局 (d08) case yellow, the next day's turns it red; gaj
// sees it on its 预警 page and in its header count and answers it (回告); the official sees it
// answered from the board; the digest of the new cards (npm run supervision:digest) arrives at a
// real SMTP server this spec runs (smtp-server); 宣汉县 sees none of it: not in its header count,
// not on its 预警 page, the board and the wall refused, the case's URLs refused however written.
//
// "Today" for the cards is the request's own (the cards' test clock: the server of `npm test` runs
// with SUPERVISION_TEST_CLOCK=1 and each context here names its day in a header,
// lib/supervision/cards/test-clock.ts), in a month no other spec supervises: 2018-06, Wednesday the
// 6th and Thursday the 7th (ordinary working days). Case numbers SF-….
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { type ReceivedMail, type SmtpInbox, startSmtpInbox } from "../test/helpers/smtp-inbox";
import { type AccountKey, storageStateOf } from "./accounts";
import { withDatabase } from "./database";
import { TEST_CLOCK_HEADER } from "./supervision-cases";
import { cookieHeader, HEADERS, localeVariants, rawGet, variants } from "./url-variants";

const DAY1 = "2018-06-06";
const DAY2 = "2018-06-07";
const GAJ_MAIL = "gaj-e2e@example.org";
const XUANHAN_MAIL = "xuanhan-e2e@example.org";

const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n";
// SF-1: promise 2, accepted Monday the 4th: 2 working days used on the 6th (0 left: yellow), 3 on
// the 7th (1 over: red). SF-2: promise 1, accepted the 5th: yellow on the 6th, completed on the 7th.
// SF-3: promise 10: no card. SF-XH: 宣汉县's, promise 1, accepted Friday the 1st: red on both days.
const BATCH1 =
  HEADER +
  "SF-1,E1,户籍迁移,市公安局,承诺件,20,2,网上申请,否,2018-06-04 08:30:00,2018-06-04 09:00:00,\n" +
  "SF-2,E1,户籍迁移,市公安局,承诺件,20,1,窗口申请,否,2018-06-05 08:30:00,2018-06-05 09:00:00,\n" +
  "SF-3,E2,居住证,市公安局,承诺件,20,10,网上申请,否,2018-06-05 08:30:00,2018-06-05 09:00:00,\n" +
  "SF-XH,B1,低保,宣汉县,承诺件,10,1,网上申请,否,2018-06-01 08:30:00,2018-06-01 09:00:00,\n";
const BATCH2 =
  HEADER +
  "SF-2,E1,户籍迁移,市公安局,承诺件,20,1,窗口申请,否,2018-06-05 08:30:00,2018-06-05 09:00:00,2018-06-07 10:00:00\n";

let smtp: SmtpInbox;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  smtp = await startSmtpInbox();
});

test.afterAll(async () => {
  await smtp?.close();
  // The addresses this spec gave: no other spec mails anyone.
  await withDatabase((db) =>
    db.query(`UPDATE "Unit" SET "contactEmail" = NULL WHERE "contactEmail" = ANY($1::text[])`, [
      [GAJ_MAIL, XUANHAN_MAIL],
    ]),
  );
});

/** A signed-in context whose requests read the cards as of `day`. */
function contextOn(browser: Browser, account: AccountKey, day: string): Promise<BrowserContext> {
  return browser.newContext({ storageState: storageStateOf(account), extraHTTPHeaders: { [TEST_CLOCK_HEADER]: day } });
}

/** The digest as the operator runs it, through the spec's SMTP server; the mails it delivered. */
async function runDigest(day: string): Promise<ReceivedMail[]> {
  const before = smtp.mails.length;
  await promisify(execFile)("npm", ["run", "-s", "supervision:digest", "--", "--as-of", day], {
    env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: "dash-e2e@example.org" },
    timeout: 120_000,
  });
  return smtp.mails.slice(before);
}

async function headerCount(page: Page): Promise<{ red: string | null; yellow: string | null }> {
  const count = page.getByTestId("warning-count");
  await expect(count).toBeVisible();
  return { red: await count.getAttribute("data-red"), yellow: await count.getAttribute("data-yellow") };
}

test("a day's batch turns 市公安局's case yellow, the next day's red: seen, answered, mailed, and never shown to 宣汉县", async ({
  browser,
  request,
}) => {
  test.setTimeout(420_000);
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const opened: BrowserContext[] = [admin];
  const open = async (account: AccountKey, day: string) => {
    const context = await contextOn(browser, account, day);
    opened.push(context);
    return context.newPage();
  };
  try {
    // The admin makes the platform's token (shown once) and gives both units a digest address.
    const adminPage = await admin.newPage();
    let token = "";
    await test.step("token and contact addresses", async () => {
      await adminPage.goto("/admin/daily");
      const form = adminPage.getByTestId("create-token-form");
      await form.getByLabel("名称").fill("e2e supervision push");
      await form.getByRole("button", { name: "创建令牌" }).click();
      const shown = adminPage.getByTestId("new-token");
      await expect(shown).toHaveText(/^gsd_[A-Za-z0-9_-]{43}$/, { timeout: 30_000 });
      token = ((await shown.textContent()) ?? "").trim();
      await adminPage.goto("/admin/settings/supervision");
      for (const [unit, address] of [
        ["d08", GAJ_MAIL],
        ["x04", XUANHAN_MAIL],
      ] as const) {
        const contact = adminPage.locator(`[data-testid=contact-form][data-unit="${unit}"]`);
        await contact.locator("input[name=contactEmail]").fill(address);
        await contact.getByRole("button").click();
        await expect(contact.getByRole("status")).toBeVisible({ timeout: 30_000 });
      }
    });
    const push = async (body: string, date: string) => {
      const response = await request.post(`/api/v1/cases?date=${date}&name=cases-${date}.csv`, {
        headers: { "content-type": "text/csv", authorization: `Bearer ${token}` },
        data: body,
      });
      expect(response.status(), await response.text()).toBe(200);
      return response.json();
    };

    // ---- Day 1 -------------------------------------------------------------------------------
    const gaj1 = await open("gaj", DAY1);
    await test.step("before the batch: no card", async () => {
      await gaj1.goto("/warnings");
      await expect(gaj1.getByTestId("cards-empty")).toBeVisible();
    });
    await test.step("day 1's batch: yellow", async () => {
      expect(await push(BATCH1, DAY1)).toMatchObject({ status: "ingested", month: "2018-06", cases: 4, applied: 4 });
      await gaj1.goto("/warnings");
      const rows = gaj1.getByTestId("card-row");
      await expect(rows).toHaveCount(2);
      const sf1 = gaj1.locator('[data-testid=card-row][data-case-no="SF-1"]');
      await expect(sf1).toHaveAttribute("data-level", "YELLOW");
      await expect(sf1.getByTestId("card-remaining")).toHaveText("剩余 0 个工作日");
      await expect(gaj1.locator('[data-testid=card-row][data-case-no="SF-2"]')).toHaveAttribute("data-level", "YELLOW");
      await expect(gaj1.getByTestId("card-summary")).toHaveText("红牌 0 件，黄牌 2 件");
      await expect(gaj1.locator("main")).not.toContainText("SF-3");
      await expect(gaj1.locator("main")).not.toContainText("SF-XH");
      // The header's count (kept 30 s by the browser: this context already asked before the batch)
      // in a fresh context, on a month page.
      const fresh = await open("gaj", DAY1);
      await fresh.goto("/2021-06");
      expect(await headerCount(fresh)).toEqual({ red: "0", yellow: "2" });
    });
    await test.step("day 1's digest: the new yellow cards, each unit its own", async () => {
      const mails = await runDigest(DAY1);
      const gajMail = mails.find((m) => m.to.includes(GAJ_MAIL));
      expect(gajMail?.subject).toBe(`【预警】市公安局：新增红牌 0 件、黄牌 2 件（${DAY1}）`);
      expect(gajMail?.text).toContain("黄牌　SF-1");
      expect(gajMail?.text).toContain("黄牌　SF-2");
      expect(gajMail?.text).not.toContain("SF-XH");
      const xuanhanMail = mails.find((m) => m.to.includes(XUANHAN_MAIL));
      expect(xuanhanMail?.text).toContain("红牌　SF-XH");
      expect(xuanhanMail?.text).not.toContain("SF-1");
      expect(mails).toHaveLength(2);
    });

    // ---- Day 2 -------------------------------------------------------------------------------
    let taskPath = "";
    const gaj2 = await open("gaj", DAY2);
    await test.step("day 2's batch: red, first in gaj's list and its header count", async () => {
      expect(await push(BATCH2, DAY2)).toMatchObject({ status: "ingested", applied: 1, stale: 0 });
      await gaj2.goto("/warnings");
      const rows = gaj2.getByTestId("card-row");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toHaveAttribute("data-case-no", "SF-1");
      await expect(rows.first()).toHaveAttribute("data-level", "RED");
      await expect(rows.first().getByTestId("card-remaining")).toHaveText("超期 1 个工作日");
      await expect(rows.first().locator("[data-answer-state]")).toHaveAttribute("data-answer-state", "unanswered");
      // On every page: a month page too.
      await gaj2.goto("/2021-06");
      expect(await headerCount(gaj2)).toEqual({ red: "1", yellow: "0" });
    });
    await test.step("gaj answers it (回告)", async () => {
      await gaj2.goto("/warnings");
      await gaj2.locator('[data-testid=card-row][data-case-no="SF-1"]').getByTestId("answer-red-card").click();
      await expect(gaj2).toHaveURL(/\/rectification\/tasks\/\d+$/, { timeout: 30_000 });
      taskPath = new URL(gaj2.url()).pathname;
      await gaj2.getByTestId("answer-reason").selectOption("supplementRequired");
      await gaj2.getByTestId("answer-text").fill("申请材料需补正，已一次性告知，补正后当日办结。");
      await gaj2.getByTestId("answer-submit").click();
      await expect(gaj2.locator("main")).toContainText("第 1 次反馈", { timeout: 30_000 });
      await gaj2.goto("/warnings");
      const sf1 = gaj2.locator('[data-testid=card-row][data-case-no="SF-1"]');
      await expect(sf1.locator("[data-answer-state]")).toHaveAttribute("data-answer-state", "answered");
    });
    await test.step("day 2's digest: SF-1 announced again, as red; nothing new for 宣汉县", async () => {
      const mails = await runDigest(DAY2);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([GAJ_MAIL]);
      expect(mails[0]!.subject).toBe(`【预警】市公安局：新增红牌 1 件、黄牌 0 件（${DAY2}）`);
      expect(mails[0]!.text).toContain("红牌　SF-1");
      expect(mails[0]!.text).toContain("超期 1 个工作日");
      expect(mails[0]!.text).not.toContain("SF-2");
    });
    await test.step("the official sees it on the board, answered", async () => {
      const official = await open("official", DAY2);
      await official.goto("/warnings/board");
      const d08 = official.locator('[data-testid=board-unit-row][data-unit="d08"]');
      await expect(d08.getByTestId("board-red")).toHaveText("1");
      await expect(d08.getByTestId("board-yellow")).toHaveText("0");
      await expect(
        official.locator('[data-testid=board-unit-row][data-unit="x04"]').getByTestId("board-red"),
      ).toHaveText("1");
      await d08.getByTestId("board-red-link").click();
      await expect(official).toHaveURL(/\/warnings\?unit=d08&level=RED$/);
      const sf1 = official.locator('[data-testid=card-row][data-case-no="SF-1"]');
      await expect(sf1.locator("[data-answer-state]")).toHaveAttribute("data-answer-state", "answered");
      await sf1.getByRole("link", { name: "查看回告" }).click();
      await expect(official.locator("main")).toContainText("申请材料需补正，已一次性告知");
      // The wall's rates are the month to date the daily feed made, marked provisional.
      await official.goto("/wall");
      await expect(official.getByTestId("wall-this-month")).toHaveAttribute("data-provisional", DAY2);
      await expect(official.getByTestId("wall-this-month")).toContainText("本月截至 7 日");
      await expect(official.getByTestId("wall-this-month")).toContainText("临时数据");
      await expect(official.getByTestId("wall-rates-note")).toContainText(`本月截至 ${DAY2} 的临时数据`);
      await expect(official.getByTestId("wall-red")).toHaveText("2");
    });

    await test.step("宣汉县 sees none of it", async () => {
      const xuanhan = await open("xuanhan", DAY2);
      await xuanhan.goto("/2021-06");
      // Its own red card only (SF-XH); 市公安局's red card is not counted.
      expect(await headerCount(xuanhan)).toEqual({ red: "1", yellow: "0" });
      await xuanhan.goto("/warnings");
      await expect(xuanhan.getByTestId("card-row")).toHaveCount(1);
      await expect(xuanhan.getByTestId("card-row")).toHaveAttribute("data-case-no", "SF-XH");
      await expect(xuanhan.locator("body")).not.toContainText("SF-1");
      for (const path of ["/warnings/board", "/wall"]) expect((await xuanhan.goto(path))?.status(), path).toBe(403);
      const cookie = cookieHeader("xuanhan");
      const taskId = taskPath.split("/").pop() ?? "";
      expect(taskId).toMatch(/^\d+$/);
      const paths = [
        ...localeVariants(["warnings"], "?unit=d08&level=RED"),
        ...variants(["warnings"], "?unit=d08&item=E1"),
        ...variants(["api", "warnings", "cards.csv"], "?unit=d08"),
        ...variants(["api", "warnings", "wall"]),
        ...variants(["api", "warnings", "board.csv"]),
        ...localeVariants(["rectification", "tasks", taskId]),
      ];
      const leaks: string[] = [];
      for (let i = 0; i < paths.length; i += 8) {
        await Promise.all(
          paths.slice(i, i + 8).map(async (path) => {
            for (const h of ["plain", "rsc"]) {
              const { status, body } = await rawGet(path, { cookie, [TEST_CLOCK_HEADER]: DAY2, ...HEADERS[h] });
              if (status === 200 && h === "plain") leaks.push(`${h} ${path} → 200`);
              if (/SF-1\b|SF-2\b/.test(body)) leaks.push(`${h} ${path} → ${status} (case number)`);
            }
          }),
        );
      }
      expect(leaks).toEqual([]);
      expect(paths.length).toBeGreaterThan(100);
    });
  } finally {
    for (const context of opened) await context.close();
  }
});
