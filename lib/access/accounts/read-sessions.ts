import "server-only";
// The pages' reads of sessions and the security policy (pages never hold the database client).
import { loadSecurityPolicy, passwordExpired, type SecurityPolicy } from "@/lib/access/security-policy";
import { listOpenSessions, type OpenSession } from "@/lib/access/user-sessions";
import { prisma } from "@/lib/db";

/** One user's open sessions (/account/sessions). */
export function readOwnSessions(userId: number): Promise<OpenSession[]> {
  return listOpenSessions(prisma, { userId });
}

/** Every user's open sessions, or one username's (/admin/security). */
export function readOpenSessions(username?: string): Promise<OpenSession[]> {
  return listOpenSessions(prisma, { username });
}

/** The stored policy, read afresh (the security administrator's form shows what is saved). */
export function readSecurityPolicy(): Promise<SecurityPolicy> {
  return loadSecurityPolicy(prisma);
}

/** Is the user's password past the policy's age (the reason /account/password gives)? */
export async function readPasswordExpiry(userId: number): Promise<{ expired: boolean; maxAgeDays: number }> {
  const [policy, user] = await Promise.all([
    loadSecurityPolicy(prisma),
    prisma.user.findUnique({ where: { id: userId }, select: { passwordChangedAt: true, mustChangePassword: true } }),
  ]);
  const expired = Boolean(user && !user.mustChangePassword && passwordExpired(user.passwordChangedAt, policy));
  return { expired, maxAgeDays: policy.passwordMaxAgeDays };
}
