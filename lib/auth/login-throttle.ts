// Brute-force protection for sign-in.
// - Per account (in the database, so it holds across app instances): after
//   ACCOUNT_MAX_FAILURES wrong passwords in a row the account is locked for
//   ACCOUNT_LOCK_MINUTES; during the lock even the right password is refused
//   (and says so); the first successful sign-in afterwards resets the count.
// - Per client address (in this process's memory): after IP_MAX_FAILURES
//   failures within IP_WINDOW_MINUTES, sign-in from that address is refused
//   for the rest of the window, whatever the account.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_LOCK_MINUTES = 15;
export const IP_MAX_FAILURES = 30;
export const IP_WINDOW_MINUTES = 15;

export type AccountState = { locked: boolean; lockedUntil: Date | null };

export function isLocked(user: { lockedUntil: Date | null }, now = new Date()): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

/** Counts a wrong password; locks the account when the count reaches the limit. */
export async function recordFailedLogin(db: PrismaClient, userId: number, now = new Date()): Promise<AccountState> {
  const user = await db.user.update({
    where: { id: userId },
    data: { failedLoginCount: { increment: 1 } },
    select: { failedLoginCount: true, lockedUntil: true },
  });
  if (user.failedLoginCount >= ACCOUNT_MAX_FAILURES) {
    const lockedUntil = new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000);
    await db.user.update({ where: { id: userId }, data: { lockedUntil, failedLoginCount: 0 } });
    return { locked: true, lockedUntil };
  }
  return { locked: false, lockedUntil: user.lockedUntil };
}

export async function recordSuccessfulLogin(db: PrismaClient, userId: number): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
}

const failuresByAddress = new Map<string, number[]>();

export function isAddressBlocked(address: string, now = Date.now()): boolean {
  const windowStart = now - IP_WINDOW_MINUTES * 60_000;
  const recent = (failuresByAddress.get(address) ?? []).filter((t) => t > windowStart);
  failuresByAddress.set(address, recent);
  return recent.length >= IP_MAX_FAILURES;
}

export function recordAddressFailure(address: string, now = Date.now()): void {
  const list = failuresByAddress.get(address) ?? [];
  list.push(now);
  failuresByAddress.set(address, list);
  // Keep the map bounded: forget addresses whose failures are all old.
  if (failuresByAddress.size > 10_000) {
    const windowStart = now - IP_WINDOW_MINUTES * 60_000;
    for (const [key, times] of failuresByAddress) if (!times.some((t) => t > windowStart)) failuresByAddress.delete(key);
  }
}

/** For tests. */
export function resetAddressFailures(): void {
  failuresByAddress.clear();
}
