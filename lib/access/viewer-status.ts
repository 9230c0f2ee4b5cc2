import "server-only";
// Whether a signed-in user is still allowed in: active, and the session was
// issued under their current sessionVersion. Checked on every request through
// the JWT callback, so a deactivated user is out within STATUS_TTL_MS; cached
// per process so that the check costs a query at most every few seconds.
import { prisma } from "@/lib/db";

const STATUS_TTL_MS = 5_000;
type Status = {
  active: boolean;
  sessionVersion: number;
  role: string;
  unitCode: string | null;
  mustChangePassword: boolean;
  at: number;
};
// On globalThis: the proxy and the app are bundled separately but run in one
// process, and a change made by an admin must reach both at once.
const globalStore = globalThis as unknown as { __dashboardUserStatus?: Map<number, Status> };
const cache = (globalStore.__dashboardUserStatus ??= new Map<number, Status>());

export async function currentUserStatus(userId: number): Promise<Status | null> {
  const cached = cache.get(userId);
  if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      active: true,
      sessionVersion: true,
      role: true,
      mustChangePassword: true,
      unit: { select: { code: true } },
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
    at: Date.now(),
  };
  cache.set(userId, status);
  return status;
}

/** Called after a change to a user, so this process sees it at once. */
export function forgetUserStatus(userId: number): void {
  cache.delete(userId);
}
