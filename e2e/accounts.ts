// The seed's demo accounts (prisma/seed-data/demo-users.ts; README) and where
// each one's signed-in browser state is kept for the specs.
import type { Page } from "@playwright/test";
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from "@/lib/access/two-factor/recovery-codes";
import { DEMO_TOTP_SECRET, timeStepAt, totpCode } from "@/lib/access/two-factor/totp";
import { withDatabase } from "./database";

export const ACCOUNTS = {
  admin: { username: "admin", password: "admin-demo-2021", name: "系统管理员" },
  official: { username: "official", password: "official-demo-2021", name: "市政务服务管理局领导" },
  gaj: { username: "gaj", password: "gaj-demo-2021", name: "市公安局" },
  xuanhan: { username: "xuanhan", password: "xuanhan-demo-2021", name: "宣汉县" },
  // Issue 22 (三员分立): the security and audit administrators.
  security: { username: "security", password: "security-demo-2021", name: "安全管理员" },
  auditor: { username: "auditor", password: "auditor-demo-2021", name: "审计管理员" },
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

export const storageStateOf = (account: AccountKey) => `test-results/.auth/${account}.json`;

// Issue 22: every account that signs in here has a second factor — the demo accounts and
// createOfficialAccount's with the published demo secret (README) — so each sign-in types a code.
const takenSteps = new Map<string, number>();

/**
 * The code to type for a sign-in as `username`: the demo secret's TOTP code, as an authenticator
 * app shows it. A code is accepted once per account (the server keeps its time step), and several
 * specs sign the same account in within 30 s: when this step's code is taken, a recovery code of
 * its own is added to the account behind the app's back and typed instead (each works once).
 * Empty for an account without a second factor.
 */
export async function oneTimeCode(username: string): Promise<string> {
  const found = await withDatabase(async (db) => {
    const { rows } = await db.query<{ id: number; lastUsedStep: number }>(
      `SELECT u."id", t."lastUsedStep" FROM "User" u JOIN "UserTwoFactor" t ON t."userId" = u."id" WHERE u."username" = $1`,
      [username],
    );
    return rows[0];
  });
  if (!found) return "";
  const now = new Date();
  const step = timeStepAt(now);
  if (step > found.lastUsedStep && step > (takenSteps.get(username) ?? -1)) {
    takenSteps.set(username, step);
    return totpCode(DEMO_TOTP_SECRET, now);
  }
  const [code] = newRecoveryCodes(1);
  await withDatabase((db) =>
    db.query(`INSERT INTO "TwoFactorRecoveryCode" ("userId", "codeHash") VALUES ($1, $2)`, [
      found.id,
      hashRecoveryCode(normalizeRecoveryCode(code!)!),
    ]),
  );
  return code!;
}

/** Fills the sign-in form: username, password and the one-time code (the caller submits). */
export async function fillSignInForm(
  page: Page,
  username: string,
  password: string,
  language: "zh-CN" | "en" = "zh-CN",
): Promise<void> {
  const en = language === "en";
  await page.getByLabel(en ? "Username" : "用户名").fill(username);
  await page.getByLabel(en ? "Password" : "密码", { exact: true }).fill(password);
  await page.getByLabel(en ? "One-time code" : "动态验证码").fill(await oneTimeCode(username));
}
