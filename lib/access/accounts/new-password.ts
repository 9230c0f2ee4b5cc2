// The one check of a new password, used by every path that sets one: user creation (the admin
// page, `npm run user:create`), bulk creation (its generated passwords), the admin's reset and
// the user's own change. Returns the broken rule's message in the caller's language, or null.
import { isRecentPassword, PASSWORD_HISTORY_SIZE } from "@/lib/access/accounts/password-history";
import { brokenPasswordRule, MAX_PASSWORD_LENGTH, type PasswordRule } from "@/lib/access/password-rules";
import { MIN_PASSWORD_LENGTH } from "@/lib/access/passwords";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { fill, getMessages, type Locale, type Messages } from "@/lib/i18n/messages";

type Db = PrismaClient | Prisma.TransactionClient;

export function passwordRuleMessage(rule: PasswordRule, t: Messages["sessions"]["passwordRules"]): string {
  return fill(t[rule], { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH, count: PASSWORD_HISTORY_SIZE });
}

/** The rules' summary shown beside a new-password field. */
export function passwordRulesHint(t: Messages["sessions"]["passwordRules"]): string {
  return fill(t.hint, { min: MIN_PASSWORD_LENGTH, count: PASSWORD_HISTORY_SIZE });
}

/**
 * The message of the first rule the new password breaks, or null when it may be set.
 * `userId`: the account whose password changes (its last passwords are checked); null for a new account.
 */
export async function newPasswordProblem(
  db: Db,
  account: { userId: number | null; username: string },
  password: string,
  locale: Locale = "zh-CN",
): Promise<string | null> {
  const t = getMessages(locale).sessions.passwordRules;
  const rule = brokenPasswordRule(password, account.username);
  if (rule) return passwordRuleMessage(rule, t);
  if (account.userId !== null && (await isRecentPassword(db, account.userId, password)))
    return passwordRuleMessage("history", t);
  return null;
}
