import "server-only";
import { prisma } from "@/lib/db";

export async function listUsers() {
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      active: true,
      lockedUntil: true,
      unit: { select: { code: true, name: true } },
    },
  });
}

export async function getUserForAdmin(id: number) {
  return prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      username: true,
      displayName: true,
      role: true,
      active: true,
      lockedUntil: true,
      unit: { select: { code: true, name: true } },
    },
  });
}

export async function listAuditEvents(limit = 200) {
  return prisma.auditEvent.findMany({
    orderBy: { at: "desc" },
    take: limit,
    include: { actor: { select: { username: true } } },
  });
}

/** Accounts locked now by wrong passwords (the security administrator's page). */
export async function listLockedUsers() {
  return prisma.user.findMany({
    where: { lockedUntil: { gt: new Date() } },
    select: { id: true, username: true, displayName: true, lockedUntil: true, failedLoginCount: true },
    orderBy: { username: "asc" },
  });
}
