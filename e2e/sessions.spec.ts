// Issue 22 (身份鉴别 b): sessions end on the server when idle, the browser warns a minute before,
// a user sees their sessions and ends another browser's, the security administrator ends a user's,
// and a department user can end nobody else's. Each on a throwaway account of its own (ending or
// expiring a shared demo account's session would sign the other specs out).
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { fillSignInForm, storageStateOf } from "./accounts";
import { createOfficialAccount, withDatabase } from "./database";

const PASSWORD = "Session-test-2021";

async function signIn(page: Page, username: string) {
  await page.goto("/signin");
  await fillSignInForm(page, username, PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(/\/2021-06$/);
}

/** A new account and a browser signed in as it (a context of its own). */
async function freshUser(browser: Browser, prefix: string) {
  const username = `${prefix}${Date.now() % 1_000_000}`;
  await createOfficialAccount(username, PASSWORD);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, username);
  return { username, context, page };
}

const sessionsOf = (username: string) =>
  withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string; endedAt: Date | null; endReason: string | null; lastSeenAt: Date }>(
      `SELECT s."id", s."endedAt", s."endReason", s."lastSeenAt" FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"
        WHERE u."username" = $1 ORDER BY s."createdAt"`,
      [username],
    );
    return rows;
  });

test("an idle session ends on the server: its next request is sent to sign-in, and the end is audited", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { username, context, page } = await freshUser(browser, "idle");
  await page.goto("/2021-06/municipal");
  await expect(page.getByTestId("viewer-name")).toBeVisible();
  // No request for longer than any idle time the policy allows (120 minutes at most).
  await withDatabase((db) =>
    db.query(
      `UPDATE "UserSession" SET "lastSeenAt" = now() - interval '3 hours'
        WHERE "userId" = (SELECT "id" FROM "User" WHERE "username" = $1)`,
      [username],
    ),
  );
  // Each instance reads a session again from the database within 5 s.
  await page.waitForTimeout(6_000);
  const response = await page.request.get("/2021-06/municipal", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers().location).toContain("/signin");
  await page.goto("/2021-06/municipal");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  const [session] = await sessionsOf(username);
  expect(session?.endReason).toBe("idle");
  expect(session?.endedAt).not.toBeNull();
  const events = await withDatabase(
    async (db) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "action" = 'session.idleExpired'
            AND "targetId" = (SELECT "id"::text FROM "User" WHERE "username" = $1)`,
          [username],
        )
      ).rows[0].n as number,
  );
  expect(events).toBe(1);
  await context.close();
});

test("the browser warns a minute before the idle end, in an accessible dialog; 继续 renews on the server", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const username = `warn${Date.now() % 1_000_000}`;
  await createOfficialAccount(username, PASSWORD);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.clock.install();
  await signIn(page, username);
  await expect(page.getByTestId("viewer-name")).toBeVisible();
  const idleSeconds = await page.evaluate(async () => {
    const session = (await (await fetch("/api/auth/session")).json()) as { user: { idleSeconds: number } };
    return session.user.idleSeconds;
  });
  expect(idleSeconds).toBeGreaterThanOrEqual(5 * 60);
  const dialog = page.getByRole("dialog", { name: "即将因长时间未操作退出" });
  await expect(dialog).toBeHidden();

  // The clock runs on by itself after install(); each jump fires the once-a-second check once.
  await page.clock.fastForward((idleSeconds - 70) * 1000);
  await page.waitForTimeout(1_500);
  await expect(dialog).toBeHidden();
  await page.clock.fastForward(15_000);
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("秒后将自动退出登录");
  await expect(dialog.getByRole("button", { name: "继续" })).toBeFocused();
  const violations = (
    await new AxeBuilder({ page }).include("dialog").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()
  ).violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(violations.map((v) => v.id)).toEqual([]);

  const before = (await sessionsOf(username))[0]!.lastSeenAt.getTime();
  await dialog.getByRole("button", { name: "继续" }).click();
  await expect(dialog).toBeHidden();
  // Written at once, not within the minute: every instance sees the renewal.
  await expect.poll(async () => (await sessionsOf(username))[0]!.lastSeenAt.getTime()).toBeGreaterThan(before);
  // The clock starts again from 继续.
  await page.clock.fastForward((idleSeconds - 70) * 1000);
  await page.waitForTimeout(1_500);
  await expect(dialog).toBeHidden();
  await context.close();
});

test("a user sees their sessions, this one marked, and ends another browser's: its next request must sign in", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { username, context: first, page } = await freshUser(browser, "list");
  const second = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await second.newPage();
  await signIn(other, username);

  await page.goto("/account/sessions");
  const table = page.getByTestId("session-table");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.locator('tr[data-session="current"]')).toContainText("当前会话");
  await expect(table.locator('tr[data-session="current"]')).toContainText("127.0.0.1");
  const otherRow = table.locator('tr[data-session="other"]');
  await otherRow.getByRole("button", { name: "结束此会话" }).click();
  // The list is drawn again without it (the action revalidates the page).
  await expect(otherRow).toHaveCount(0);
  await expect(table.locator("tbody tr")).toHaveCount(1);

  await other.goto("/2021-06/municipal");
  await expect(other).toHaveURL(/\/signin\?callbackUrl=/);
  // This one goes on.
  await page.goto("/2021-06/municipal");
  await expect(page).toHaveURL(/\/2021-06\/municipal$/);
  await page.goto("/account/sessions");
  await expect(page.getByTestId("session-table").locator("tbody tr")).toHaveCount(1);
  const reasons = (await sessionsOf(username)).map((s) => s.endReason);
  // In the order signed in: this browser's (open), the other's (ended by its user).
  expect(reasons).toEqual([null, "user"]);
  await first.close();
  await second.close();
});

test("the security administrator ends a user's session from the security page", async ({ browser }) => {
  test.setTimeout(120_000);
  const { username, context, page: victim } = await freshUser(browser, "sec");
  const admin = await browser.newContext({ storageState: storageStateOf("security") });
  const page = await admin.newPage();
  await page.goto(`/admin/security?user=${username}`);
  const row = page.getByTestId("open-sessions").locator(`tr[data-username="${username}"]`);
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "结束会话" }).click();
  // The list is drawn again without it (the action revalidates the page).
  await expect(row).toHaveCount(0);
  await victim.goto("/2021-06/municipal");
  await expect(victim).toHaveURL(/\/signin\?callbackUrl=/);
  expect((await sessionsOf(username)).map((s) => s.endReason)).toEqual(["securityAdmin"]);
  await admin.close();
  await context.close();
});

test("a department user's own end-session form, rewritten to name another user's session, ends nothing", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { username, context: victimContext, page: victim } = await freshUser(browser, "vic");
  const [target] = await sessionsOf(username);
  // gaj with two sessions of its own, so that its page has an end form to rewrite.
  const gaj = await browser.newContext({ storageState: storageStateOf("gaj") });
  const extra = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const extraPage = await extra.newPage();
  await extraPage.goto("/signin");
  await fillSignInForm(extraPage, "gaj", "gaj-demo-2021");
  await extraPage.getByRole("button", { name: "登录" }).click();
  await extraPage.waitForURL(/\/units\/d08$/);

  const page = await gaj.newPage();
  await page.goto("/account/sessions");
  // Only gaj's own sessions are listed: nothing of the victim's.
  await expect(page.getByTestId("session-table")).not.toContainText(username);
  const form = page.getByTestId("session-table").locator('tr[data-session="other"] form').first();
  await form.locator('input[name="sessionId"]').evaluate((input, id) => {
    (input as HTMLInputElement).value = id;
  }, target!.id);
  await form.getByRole("button", { name: "结束此会话" }).click();
  await expect(form.getByTestId("form-message")).toHaveText("没有找到该会话，它可能已经结束。");

  await victim.goto("/2021-06/municipal");
  await expect(victim).toHaveURL(/\/2021-06\/municipal$/);
  expect((await sessionsOf(username))[0]?.endedAt).toBeNull();
  await Promise.all([gaj.close(), extra.close(), victimContext.close()]);
});
