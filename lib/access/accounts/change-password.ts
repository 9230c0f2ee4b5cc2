// A user choosing their own password (required after a one-time initial password): the
// current one must be right, the new one long enough and different. Changing it clears
// the forced-change flag and ends the user's sessions (sessionVersion), so they sign in
// again with the new password.
//
// The current password is a password guess like a sign-in (a stolen session cookie could
// try one after another): it goes through the same throttle (lib/access/login-throttle.ts) —
// the account's count and 15-minute lock, the client address's window — and every wrong one
// is in the audit log (issue 19, item 6).
import {
  ACCOUNT_MAX_FAILURES,
  confirmLogin,
  isAddressBlocked,
  lockAccount,
  recordAddressFailure,
  reserveLoginAttempt,
} from "@/lib/access/login-throttle";
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/access/passwords";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Messages } from "@/lib/i18n/messages";

export type PasswordChange = { current: string; next: string; confirm: string };

export async function changeOwnPassword(
  db: PrismaClient,
  userId: number,
  change: PasswordChange,
  t: Messages["readers"]["password"],
  address = "unknown",
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (change.next.length < MIN_PASSWORD_LENGTH) return { ok: false, error: t.tooShort };
  if (change.next !== change.confirm) return { ok: false, error: t.mismatch };
  if (change.next === change.current) return { ok: false, error: t.same };
  if (await isAddressBlocked(db, address)) return { ok: false, error: t.throttled };
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, active: true } });
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
    if (await lockAccount(db, userId)) {
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
  if (attempt === null || attempt > ACCOUNT_MAX_FAILURES) {
    await verifyPassword(await dummyPasswordHash(), change.current);
    if (attempt !== null) await lock();
    return failed("locked", t.locked);
  }
  if (!(await verifyPassword(user.passwordHash, change.current))) {
    if (attempt >= ACCOUNT_MAX_FAILURES) {
      await lock();
      return failed("wrongPassword", t.locked);
    }
    return failed("wrongPassword", t.wrongCurrent);
  }
  if (!(await confirmLogin(db, userId))) return failed("locked", t.locked);

  const passwordHash = await hashPassword(change.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
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
