// The password and session policy the security administrator sets on /admin/security (issue 22,
// 身份鉴别): the idle time, the lock after failed sign-ins, and the password's maximum age. One
// JSON value in `Setting`, validated within bounds; a missing or unreadable field is its default.
// The lock's defaults are exactly the constants it used before it was a setting
// (lib/access/login-throttle.ts), so an installation that never touches it behaves as before; the
// idle time's and the password age's defaults may be set by the deployment (SESSION_IDLE_MINUTES,
// PASSWORD_MAX_AGE_DAYS, docs/configuration.md), within the same bounds.
//
// Read here from a given database (sign-in and the password change, once per attempt); the gate's
// per-request read is cached (getSecurityPolicy in lib/access/session-activity.ts).
import { z } from "zod";
import { ACCOUNT_LOCK_MINUTES, ACCOUNT_MAX_FAILURES } from "@/lib/access/login-throttle";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const SECURITY_POLICY_KEY = "security.policy";

export type SecurityPolicy = {
  /** A session with no request for this long ends (on the server). */
  idleMinutes: number;
  /** Wrong passwords in a row that lock the account. */
  lockAfterFailures: number;
  /** How long a lock lasts. */
  lockMinutes: number;
  /** A password older than this must be changed at the next sign-in. */
  passwordMaxAgeDays: number;
};

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  idleMinutes: 30,
  lockAfterFailures: ACCOUNT_MAX_FAILURES,
  lockMinutes: ACCOUNT_LOCK_MINUTES,
  passwordMaxAgeDays: 90,
};

/** What the security administrator may choose: [min, max] of each field. */
export const SECURITY_POLICY_BOUNDS: Record<keyof SecurityPolicy, readonly [number, number]> = {
  idleMinutes: [5, 120],
  lockAfterFailures: [3, 10],
  lockMinutes: [5, 60],
  passwordMaxAgeDays: [30, 180],
};

const bounded = (field: keyof SecurityPolicy, message?: (min: number, max: number) => string) => {
  const [min, max] = SECURITY_POLICY_BOUNDS[field];
  const text = message?.(min, max);
  return z.coerce
    .number(text ? { message: text } : undefined)
    .int(text ? { message: text } : undefined)
    .min(min, text ? { message: text } : undefined)
    .max(max, text ? { message: text } : undefined);
};

/** The form's schema; `outOfRange` words the error in the page's language. */
export function securityPolicySchema(outOfRange?: (min: number, max: number) => string) {
  return z.object({
    idleMinutes: bounded("idleMinutes", outOfRange),
    lockAfterFailures: bounded("lockAfterFailures", outOfRange),
    lockMinutes: bounded("lockMinutes", outOfRange),
    passwordMaxAgeDays: bounded("passwordMaxAgeDays", outOfRange),
  });
}

/** The defaults: the built-in ones, or the deployment's SESSION_IDLE_MINUTES / PASSWORD_MAX_AGE_DAYS within bounds. */
export function defaultSecurityPolicy(env: Record<string, string | undefined> = process.env): SecurityPolicy {
  const fromEnv = (field: keyof SecurityPolicy, raw: string | undefined) => {
    const parsed = securityPolicySchema().shape[field].safeParse(raw);
    return raw !== undefined && raw.trim() !== "" && parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY[field];
  };
  return {
    ...DEFAULT_SECURITY_POLICY,
    idleMinutes: fromEnv("idleMinutes", env.SESSION_IDLE_MINUTES),
    passwordMaxAgeDays: fromEnv("passwordMaxAgeDays", env.PASSWORD_MAX_AGE_DAYS),
  };
}

/** A stored value → the policy; each field out of bounds or unreadable falls back to its default. */
export function readStoredSecurityPolicy(value: unknown): SecurityPolicy {
  const policy = defaultSecurityPolicy();
  if (value === null || typeof value !== "object") return policy;
  const schema = securityPolicySchema();
  for (const field of Object.keys(DEFAULT_SECURITY_POLICY) as Array<keyof SecurityPolicy>) {
    const parsed = schema.shape[field].safeParse((value as Record<string, unknown>)[field]);
    if (parsed.success) policy[field] = parsed.data;
  }
  return policy;
}

type Db = PrismaClient | Prisma.TransactionClient;

export async function loadSecurityPolicy(db: Db): Promise<SecurityPolicy> {
  const row = await db.setting.findUnique({ where: { key: SECURITY_POLICY_KEY } });
  return readStoredSecurityPolicy(row?.value);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Has a password set at `changedAt` outlived the policy's maximum age? */
export function passwordExpired(changedAt: Date | number, policy: SecurityPolicy, now = Date.now()): boolean {
  return now - new Date(changedAt).getTime() > policy.passwordMaxAgeDays * DAY_MS;
}
