// A user choosing their own password (required after a one-time initial password): the
// current one must be right, the new one long enough and different. Changing it clears
// the forced-change flag and ends the user's sessions (sessionVersion), so they sign in
// again with the new password.
//
// The new password must keep the rules (lib/access/accounts/new-password.ts: classes, not the
// username, not one of the last 5), checked once the current password is proven, so a stolen
// cookie learns nothing of the history; the lock's thresholds are the security policy's.
//
// The current password is a password guess like a sign-in (a stolen session cookie could
// try one after another): it goes through the same throttle (lib/access/login-throttle.ts) —
// the account's count and 15-minute lock, the client address's window — and every wrong one
// is in the audit log (issue 19, item 6).

import { newPasswordProblem } from "@/lib/access/accounts/new-password";
import { rememberPassword } from "@/lib/access/accounts/password-history";
import {
  confirmLogin,
  isAddressBlocked,
  lockAccount,
  recordAddressFailure,
  reserveLoginAttempt,
} from "@/lib/access/login-throttle";
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/access/passwords";
import { loadSecurityPolicy } from "@/lib/access/security-policy";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fill } from "@/lib/i18n/fill";
import type { Locale, Messages } from "@/lib/i18n/messages";

export type PasswordChange = { current: string; next: string; confirm: string };

export async function changeOwnPassword(
  db: PrismaClient,
  userId: number,
  change: PasswordChange,
  t: Messages["readers"]["password"],
  address = "unknown",
  locale: Locale = "zh-CN",
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (change.next.length < MIN_PASSWORD_LENGTH) return { ok: false, error: t.tooShort };
  if (change.next !== change.confirm) return { ok: false, error: t.mismatch };
  if (change.next === change.current) return { ok: false, error: t.same };
  if (await isAddressBlocked(db, address)) return { ok: false, error: t.throttled };
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, active: true, username: true },
  });
  const policy = await loadSecurityPolicy(db);
  const lockedMessage = fill(t.locked, { failures: policy.lockAfterFailures, minutes: policy.lockMinutes });
  if (!user?.active) return { ok: false, error: t.wrongCurrent };

  const failed = async (reason: "wrongPassword" | "locked", error: string) => {
    await recordAddressFailure(db, address);
    await recordAuditEvent(db, {
      actorId: userId,
      action: "user.changePasswordFailed",
      targetType: "User",
      targetId: String(userId),
      details: { address, reason },
    });
    return { ok: false as const, error };
  };
  const lock = async () => {
    if (await lockAccount(db, userId, undefined, policy.lockMinutes)) {
      await recordAuditEvent(db, {
        actorId: null,
        action: "user.locked",
        targetType: "User",
        targetId: String(userId),
        details: { address },
      });
    }
  };
  // Counted before the password is checked, as at sign-in: concurrent guesses each take a number.
  const attempt = await reserveLoginAttempt(db, userId);
  if (attempt === null || attempt > policy.lockAfterFailures) {
    await verifyPassword(await dummyPasswordHash(), change.current);
    if (attempt !== null) await lock();
    return failed("locked", lockedMessage);
  }
  if (!(await verifyPassword(user.passwordHash, change.current))) {
    if (attempt >= policy.lockAfterFailures) {
      await lock();
      return failed("wrongPassword", lockedMessage);
    }
    return failed("wrongPassword", t.wrongCurrent);
  }
  if (!(await confirmLogin(db, userId))) return failed("locked", lockedMessage);
  const problem = await newPasswordProblem(db, { userId, username: user.username }, change.next, locale);
  if (problem) return { ok: false, error: problem };

  const passwordHash = await hashPassword(change.next);
  const now = new Date();
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: {
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: false,
        sessionVersion: { increment: 1 },
      },
    });
    await rememberPassword(tx, userId, passwordHash, now);
    await recordAuditEvent(tx, {
      actorId: userId,
      action: "user.changePassword",
      targetType: "User",
      targetId: String(userId),
    });
  });
  // Every cookie issued before is refused from the next request on, here and on every instance.
  await forgetUserStatus(userId);
  return { ok: true };
}
