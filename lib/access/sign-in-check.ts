// The credentials check behind sign-in (called by Auth.js's provider in
// lib/access/auth.ts), with the lockout and the address throttle of
// lib/access/login-throttle.ts, and every failure in the audit log.
import { z } from "zod";
import {
  confirmLogin,
  isAddressBlocked,
  lockAccount,
  recordAddressFailure,
  reserveLoginAttempt,
} from "@/lib/access/login-throttle";
import { dummyPasswordHash, verifyPassword } from "@/lib/access/passwords";
import type { Role } from "@/lib/access/permissions";
import { loadSecurityPolicy } from "@/lib/access/security-policy";
import { demoAccountsRefused, isDemoCredential } from "@/lib/access/two-factor/demo";
import { checkSecondFactor, usesDemoSecret } from "@/lib/access/two-factor/second-factor";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** Issue 22: the app's six digits or a recovery code; only asked of users with a second factor. */
  code: z.string().max(64).optional(),
});

export type SignedInUser = { id: string; name: string; role: Role; unitCode: string | null; sessionVersion: number };

/**
 * "invalid" answers a wrong password, an unknown or inactive user and a locked
 * account alike, and so does a missing, wrong or replayed second-factor code; "throttled" only
 * speaks of the client's address; "demo" (after the right password) says that the README's demo
 * accounts are refused in production (lib/access/two-factor/demo.ts).
 */
export type CredentialsResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; error: "invalid" | "throttled" | "demo" };

export async function checkCredentials(db: PrismaClient, raw: unknown, address: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const { username, password, code } = parsed.data;

  type Failure = "user.signInFailed" | "user.locked" | "user.twoFactorFailed" | "user.demoRefused";
  const audit = (action: Failure, userId: number | undefined, reason?: string) =>
    recordAuditEvent(db, {
      actorId: null,
      action,
      targetType: userId === undefined ? null : "User",
      targetId: userId === undefined ? null : String(userId),
      details: reason ? { username, address, reason } : { username, address },
    });
  const failed = async (
    reason: string,
    userId?: number,
    action: Failure = "user.signInFailed",
  ): Promise<CredentialsResult> => {
    await recordAddressFailure(db, address);
    await audit(action, userId, reason);
    return { ok: false, error: "invalid" };
  };
  // The lock's threshold and duration: the security administrator's policy (defaults 5 and 15 minutes).
  const policy = await loadSecurityPolicy(db);
  const lock = async (userId: number) => {
    if (await lockAccount(db, userId, undefined, policy.lockMinutes)) await audit("user.locked", userId);
  };

  if (await isAddressBlocked(db, address)) return { ok: false, error: "throttled" };
  const user = await db.user.findUnique({ where: { username }, include: { unit: { select: { code: true } } } });
  if (!user?.active) {
    // The same work as a real check, so timing does not tell which usernames exist.
    await verifyPassword(await dummyPasswordHash(), password);
    return failed(user ? "inactive" : "unknownUser", user?.id);
  }
  // Counted before the password is checked: concurrent guesses each take a number.
  const attempt = await reserveLoginAttempt(db, user.id);
  if (attempt === null || attempt > policy.lockAfterFailures) {
    await verifyPassword(await dummyPasswordHash(), password);
    if (attempt !== null) await lock(user.id);
    return failed("locked", user.id);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    if (attempt >= policy.lockAfterFailures) await lock(user.id);
    return failed("wrongPassword", user.id);
  }
  // Issue 22: the README's accounts, in production without ALLOW_DEMO_ACCOUNTS=1. Said plainly
  // (they are public anyway), and only to whoever typed their password.
  if (demoAccountsRefused() && (isDemoCredential(username, password) || (await usesDemoSecret(db, user.id)))) {
    await failed("demoAccount", user.id, "user.demoRefused");
    return { ok: false, error: "demo" };
  }
  // Issue 22: the second factor, for users who have one (those who must and have none yet get a
  // session that only opens enrolment: permissions.ts). A missing, wrong or replayed code answers
  // like a wrong password and counts towards the lock like one.
  const second = await checkSecondFactor(db, user.id, code);
  if (second && !second.ok) {
    if (attempt >= policy.lockAfterFailures) await lock(user.id);
    return failed(second.reason, user.id, "user.twoFactorFailed");
  }
  // A lock that came first (a racing wrong guess) stands: the right password is refused during it.
  if (!(await confirmLogin(db, user.id))) return failed("locked", user.id);
  if (second?.via === "recovery") {
    await recordAuditEvent(db, {
      actorId: user.id,
      action: "user.twoFactorRecoveryUsed",
      targetType: "User",
      targetId: String(user.id),
      details: { address, remaining: second.remaining },
    });
  }
  await recordAuditEvent(db, {
    actorId: user.id,
    action: "user.signIn",
    targetType: "User",
    targetId: String(user.id),
    details: { address },
  });
  return {
    ok: true,
    user: {
      id: String(user.id),
      name: user.displayName,
      role: user.role,
      unitCode: user.unit?.code ?? null,
      sessionVersion: user.sessionVersion,
    },
  };
}
