// Issue 22 (身份鉴别): two-step sign-in against the built app. A stolen password without the code
// gets no session; a wrong code gets the wrong password's answer; a user the system administrator
// creates enrols at first sign-in (the "scan" is the code computed from the secret the page shows),
// gets recovery codes that work once each; the security administrator resets it (the system
// administrator cannot); and the enrolment page passes axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { DEMO_TOTP_SECRET, totpCode } from "@/lib/access/two-factor/totp";
import { fillSignInForm, storageStateOf } from "./accounts";
import { createOfficialAccount, withDatabase } from "./database";

const INVALID = "用户名或密码不正确。连续输错 5 次后账户将锁定 15 分钟，锁定期间无法登录；如需解锁请联系管理员。";
const PASSWORD = "two-factor-test-2021";
const SESSION = /^(__Secure-)?authjs\.session-token/;
const MONTH_HOME = /\/\d{4}-\d{2}$/;

test.use({ storageState: { cookies: [], origins: [] } });

// The failures here count against 127.0.0.1 like every spec's: forgotten afterwards, as admin.spec does.
test.afterAll(async () => {
  await withDatabase((db) => db.query(`DELETE FROM "LoginThrottle" WHERE "address" = '127.0.0.1'`));
});

/** A six-digit code that is not the secret's current one. */
async function wrongCode(secret: string): Promise<string> {
  return (await totpCode(secret)) === "000000" ? "111111" : "000000";
}

async function submitSignIn(page: Page, username: string, password: string, code: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("动态验证码").fill(code);
  await page.getByRole("button", { name: "登录" }).click();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ["violations"] })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode()
    .analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

const userId = (username: string) =>
  withDatabase(async (db) => {
    const { rows } = await db.query<{ id: number }>(`SELECT "id" FROM "User" WHERE "username" = $1`, [username]);
    return rows[0]!.id;
  });

const twoFactorEvents = (id: number) =>
  withDatabase(async (db) => {
    const { rows } = await db.query<{ action: string; reason: string | null; actor: string | null }>(
      `SELECT e."action", e."details"->>'reason' AS reason, a."username" AS actor
         FROM "AuditEvent" e LEFT JOIN "User" a ON a."id" = e."actorId"
        WHERE e."targetId" = $1 AND e."action" LIKE 'user.twoFactor%' ORDER BY e."id"`,
      [String(id)],
    );
    return rows;
  });

test("a stolen password without the code gets nothing: no session cookie, the pages send it to sign-in", async ({
  page,
  baseURL,
}) => {
  const username = `tp${Date.now() % 1_000_000}`;
  await createOfficialAccount(username, PASSWORD);
  await page.goto("/signin?callbackUrl=%2F2021-06");
  await submitSignIn(page, username, PASSWORD, "");
  // The wrong password's answer, word for word: the password being right is not given away.
  await expect(page.getByTestId("signin-error")).toHaveText(INVALID);
  expect((await page.context().cookies()).filter((c) => SESSION.test(c.name))).toEqual([]);
  await page.goto("/2021-06/municipal");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  // Over Auth.js's endpoint, as a script would: the error redirect, no cookie, nothing opens.
  const api = await playwrightRequest.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await api.post("/api/auth/callback/credentials", {
    form: { username, password: PASSWORD, csrfToken, callbackUrl: "/2021-06" },
    maxRedirects: 0,
  });
  expect(response.headers().location).toContain("error=CredentialsSignin");
  expect((await api.storageState()).cookies.filter((c) => SESSION.test(c.name))).toEqual([]);
  expect((await api.get("/2021-06/municipal", { maxRedirects: 0 })).status()).toBe(307);
  expect((await api.get("/api/export/2021-06/annex/departments", { maxRedirects: 0 })).status()).toBe(401);
  await api.dispose();

  expect((await twoFactorEvents(await userId(username))).map((e) => e.reason)).toEqual(["missingCode", "missingCode"]);
});

test("a wrong code gets the wrong password's answer; the right one signs in", async ({ page }) => {
  const username = `tw${Date.now() % 1_000_000}`;
  await createOfficialAccount(username, PASSWORD);
  await page.goto("/signin?callbackUrl=%2F2021-06");
  await submitSignIn(page, username, PASSWORD, await wrongCode(DEMO_TOTP_SECRET));
  await expect(page.getByTestId("signin-error")).toHaveText(INVALID);
  expect((await page.context().cookies()).filter((c) => SESSION.test(c.name))).toEqual([]);
  await fillSignInForm(page, username, PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/2021-06$/);
  expect((await twoFactorEvents(await userId(username))).map((e) => e.reason)).toEqual(["wrongCode"]);
});

test("a user the system administrator creates enrols at first sign-in; recovery codes work once; the security administrator resets it", async ({
  browser,
}) => {
  // Four browsers and a dozen sign-ins: well over a minute on a busy 2-core machine.
  test.setTimeout(240_000);
  const username = `en${Date.now() % 100000}`;
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  const form = adminPage.getByTestId("create-user-form");
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("姓名/名称").fill("两步验证测试");
  await form.getByLabel("初始密码").fill(PASSWORD);
  await form.getByLabel("角色").selectOption("OFFICIAL");
  await form.getByRole("button", { name: "新建用户" }).click();
  await expect(form.getByTestId("form-message")).toContainText(username);

  // On a phone, 390 px wide: the sign-in, the QR code and the codes fit the screen.
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto("/signin");
  await submitSignIn(page, username, PASSWORD, "");
  // Signed in with the password alone: the enrolment page is what opens (drawn in place of the
  // home page the sign-in leads to, where its form works too), and nothing else.
  await expect(page.getByRole("heading", { level: 1, name: "两步验证" })).toBeVisible();
  await expect(page.getByTestId("two-factor-secret")).toBeVisible();
  const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
  const secret = (await page.getByTestId("two-factor-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "两步验证二维码（内容与下方密钥相同）" })).toBeVisible();

  // Another browser with the password alone (as a thief would have it): the enrolment page with a
  // secret of its own, nothing else — pages lead back to it, routes answer 403.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const thief = await other.newPage();
  await thief.goto("/signin");
  await submitSignIn(thief, username, PASSWORD, "");
  await expect(thief.getByTestId("two-factor-secret")).toBeVisible();
  expect((await thief.getByTestId("two-factor-secret").innerText()).trim()).not.toBe(secret);
  await thief.goto("/2021-06/municipal");
  await expect(thief).toHaveURL(/\/account\/two-factor$/);
  await thief.goto("/en/2021-06");
  await expect(thief).toHaveURL(/\/en\/account\/two-factor$/);
  expect((await thief.request.get("/api/export/2021-06/annex/departments", { maxRedirects: 0 })).status()).toBe(403);

  // The user enrols on the page the sign-in showed, at the URL it led to.
  expect(await seriousViolations(page)).toEqual([]);
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  // The "scan": the code an app computes from the secret. A wrong one first.
  await page.getByLabel("动态验证码").fill(await wrongCode(secret));
  await page.getByRole("button", { name: "确认绑定" }).click();
  await expect(page.getByTestId("two-factor-error")).toContainText("动态验证码不正确");
  await page.getByLabel("动态验证码").fill(await totpCode(secret));
  await page.getByRole("button", { name: "确认绑定" }).click();
  const codes = page.getByTestId("recovery-codes").locator("li");
  await expect(codes).toHaveCount(10);
  const recovery = await codes.allInnerTexts();
  expect(recovery.every((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c))).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  // This browser stays signed in (a new cookie for the new session version) and now goes anywhere.
  await page.getByRole("link", { name: "我已保存恢复码，进入系统" }).click();
  await expect(page).toHaveURL(MONTH_HOME);
  // Enrolling ended every other session: the thief's is gone.
  await thief.goto("/account/two-factor");
  await expect(thief).toHaveURL(/\/signin\?callbackUrl=/);
  await other.close();

  // A recovery code in place of the app's code: once.
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/signin/);
  await submitSignIn(page, username, PASSWORD, recovery[0]!);
  await expect(page).toHaveURL(MONTH_HOME);
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/signin/);
  await submitSignIn(page, username, PASSWORD, recovery[0]!);
  await expect(page.getByTestId("signin-error")).toHaveText(INVALID);
  await submitSignIn(page, username, PASSWORD, recovery[1]!);
  await expect(page).toHaveURL(MONTH_HOME);

  // The system administrator cannot reset a second factor: the security page is not theirs.
  expect((await adminPage.goto("/admin/security"))?.status()).toBe(403);
  await admin.close();

  // The security administrator resets it: the user's session ends, and the next sign-in enrols again.
  const security = await browser.newContext({ storageState: storageStateOf("security") });
  const securityPage = await security.newPage();
  await securityPage.goto("/admin/security");
  const reset = securityPage.getByTestId("two-factor-reset-form");
  await reset.getByLabel("用户名").fill(username);
  await reset.getByRole("button", { name: "重置两步验证" }).click();
  await expect(reset.getByTestId("form-message")).toContainText(`已重置 ${username} 的两步验证`);
  await security.close();
  await page.goto("/2021-06/municipal");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  // The old recovery codes are gone with it; the password alone leads to enrolment again.
  await submitSignIn(page, username, PASSWORD, recovery[2]!);
  await expect(page.getByTestId("two-factor-secret")).toBeVisible();
  await expect(page.getByTestId("two-factor-secret")).not.toHaveText(secret);
  await context.close();

  const events = await twoFactorEvents(await userId(username));
  expect(events.map((e) => `${e.action} ${e.actor ?? "-"}`)).toEqual([
    `user.twoFactorEnrolled ${username}`,
    `user.twoFactorRecoveryUsed ${username}`,
    "user.twoFactorFailed -",
    `user.twoFactorRecoveryUsed ${username}`,
    "user.twoFactorReset security",
  ]);
});
