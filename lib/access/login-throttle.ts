// Brute-force protection for sign-in, in the database so that it holds across
// app instances and under concurrent requests.
//
// Per account: every attempt is counted BEFORE its password is checked, in one
// atomic UPDATE, so concurrent guesses get distinct numbers and at most
// ACCOUNT_MAX_FAILURES passwords are ever checked per lock. The attempt that
// reaches the limit with a wrong password locks the account for
// ACCOUNT_LOCK_MINUTES; attempts numbered past the limit lock it without a
// check. During a lock no password is checked, the right one included, and a
// success racing a lock does not lift it (confirmLogin only clears the count
// of an account that is not locked). A lock answers exactly like a wrong
// password, so it tells nobody who has not proven the password that the
// username exists.
//
// Per client address: after ADDRESS_MAX_FAILURES failures in a window of
// ADDRESS_WINDOW_MINUTES, sign-in from that address is refused for the rest of
// the window, whatever the account. The address is the one
// lib/access/client-address.ts derives (socket, or the trusted proxies' header).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const ADDRESS_MAX_FAILURES = 30;
export const ADDRESS_WINDOW_MINUTES = 15;

type Db = PrismaClient | Prisma.TransactionClient;
const minutes = (n: number) => n * 60_000;

/**
 * Counts one sign-in attempt on the account, before its password is checked.
 * Returns the attempt's number in the current run of failures (1, 2, …), or
 * null when the account is locked (nothing is counted then).
 */
export async function reserveLoginAttempt(db: Db, userId: number, now = new Date()): Promise<number | null> {
  const rows = await db.$queryRaw<{ failedLoginCount: number }[]>`
    UPDATE "User"
       SET "failedLoginCount" = CASE WHEN "lockedUntil" IS NULL THEN "failedLoginCount" + 1 ELSE 1 END,
           "lockedUntil" = NULL
     WHERE "id" = ${userId} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
    RETURNING "failedLoginCount"`;
  return rows[0]?.failedLoginCount ?? null;
}

/**
 * Locks the account; true when this call locked it (false: it already was). The callers pass the
 * security policy's lock duration and count against its threshold (lib/access/security-policy.ts,
 * whose defaults are ACCOUNT_MAX_FAILURES and ACCOUNT_LOCK_MINUTES).
 */
export async function lockAccount(
  db: Db,
  userId: number,
  now = new Date(),
  lockMinutes = ACCOUNT_LOCK_MINUTES,
): Promise<boolean> {
  const until = new Date(now.getTime() + minutes(lockMinutes));
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "User" SET "lockedUntil" = ${until}
     WHERE "id" = ${userId} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
    RETURNING "id"`;
  return rows.length > 0;
}

/** After the right password: clears the count, unless a lock came first (then the sign-in is refused). */
export async function confirmLogin(db: Db, userId: number, now = new Date()): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "User" SET "failedLoginCount" = 0
     WHERE "id" = ${userId} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
    RETURNING "id"`;
  return rows.length > 0;
}

export async function isAddressBlocked(db: Db, address: string, now = new Date()): Promise<boolean> {
  const windowStart = new Date(now.getTime() - minutes(ADDRESS_WINDOW_MINUTES));
  const rows = await db.$queryRaw<{ failures: number }[]>`
    SELECT "failures" FROM "LoginThrottle" WHERE "address" = ${address} AND "windowStart" > ${windowStart}`;
  return (rows[0]?.failures ?? 0) >= ADDRESS_MAX_FAILURES;
}

/** Counts a failed sign-in from the address (atomic upsert); forgets addresses idle for a day. */
export async function recordAddressFailure(db: Db, address: string, now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - minutes(ADDRESS_WINDOW_MINUTES));
  await db.$executeRaw`
    INSERT INTO "LoginThrottle" ("address", "windowStart", "failures") VALUES (${address}, ${now}, 1)
    ON CONFLICT ("address") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."windowStart" <= ${windowStart} THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= ${windowStart} THEN ${now} ELSE "LoginThrottle"."windowStart" END`;
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "windowStart" < ${new Date(now.getTime() - minutes(24 * 60))}`;
}
