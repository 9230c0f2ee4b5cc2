import "server-only";
// Whether a signed-in user is still allowed in: active, and the session was
// issued under their current sessionVersion. Checked on every request (the
// proxy's readSession, Auth.js's JWT callback); cached per process for at most
// STATUS_TTL_MS so that the check costs a query at most every few seconds.
//
// A change to the user (sign-out, password change or reset, deactivation, role
// change) calls forgetUserStatus: this process reads the database again at once,
// and with REDIS_URL every other instance is told to (lib/access/status-broadcast.ts),
// so a cookie issued before the change is refused at once everywhere, not within
// 5 s (issue 19, item 6). STATUS_TTL_MS is the bound only when that message is lost.
import { forgetSessionsOf } from "@/lib/access/session-activity";
import { publishStatusChange, subscribeStatusChanges } from "@/lib/access/status-broadcast";
import { prisma } from "@/lib/db";

const STATUS_TTL_MS = 5_000;
type Status = {
  active: boolean;
  sessionVersion: number;
  role: string;
  unitCode: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  /** Issue 22: has a confirmed second factor (lib/access/two-factor). */
  twoFactorEnrolled: boolean;
  at: number;
};
// On globalThis: the proxy and the app are bundled separately but run in one
// process, and a change made by an admin must reach both at once.
const globalStore = globalThis as unknown as {
  __dashboardUserStatus?: Map<number, Status>;
  __dashboardUserStatusGeneration?: Map<number, number>;
  __dashboardUserStatusSubscribed?: boolean;
};
const cache = (globalStore.__dashboardUserStatus ??= new Map<number, Status>());
/** Bumped by every forget: a read that began before a forget must not put its older answer back. */
const generations = (globalStore.__dashboardUserStatusGeneration ??= new Map<number, number>());

function forgetLocally(userId: number): void {
  cache.delete(userId);
  // Ending one session (issue 22) is told to every instance the same way: the user's sessions are read again.
  forgetSessionsOf(userId);
  generations.set(userId, (generations.get(userId) ?? 0) + 1);
}

/** Listens (once per process) for the other instances' changes; resolves when listening. */
export function listenForStatusChanges(): Promise<void> {
  globalStore.__dashboardUserStatusSubscribed = true;
  return subscribeStatusChanges(forgetLocally);
}

export async function currentUserStatus(userId: number): Promise<Status | null> {
  if (!globalStore.__dashboardUserStatusSubscribed) void listenForStatusChanges();
  const cached = cache.get(userId);
  if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached;
  const generation = generations.get(userId) ?? 0;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      active: true,
      sessionVersion: true,
      role: true,
      mustChangePassword: true,
      passwordChangedAt: true,
      unit: { select: { code: true } },
      twoFactor: { select: { userId: true } },
    },
  });
  if (!user) {
    cache.delete(userId);
    return null;
  }
  const status = {
    active: user.active,
    sessionVersion: user.sessionVersion,
    role: user.role,
    unitCode: user.unit?.code ?? null,
    mustChangePassword: user.mustChangePassword,
    passwordChangedAt: user.passwordChangedAt,
    twoFactorEnrolled: user.twoFactor !== null,
    at: Date.now(),
  };
  if ((generations.get(userId) ?? 0) === generation) cache.set(userId, status);
  return status;
}

/**
 * Called after a change to a user is committed: this process sees it at once, and so does
 * every other instance (REDIS_URL). Awaits the publication (at most a second, Redis down).
 */
export async function forgetUserStatus(userId: number): Promise<void> {
  forgetLocally(userId);
  await publishStatusChange(userId);
}
