// A user's sign-in sessions (issue 22, 身份鉴别 b): started at sign-in (their id goes into the
// cookie), listed on /account/sessions and /admin/security, ended by their user (another of
// theirs) or by the security administrator, each end audited. The gate's side — refusing an
// ended, idle or over-age session on every request — is lib/access/session-activity.ts.
import { randomUUID } from "node:crypto";
import { loadSecurityPolicy, passwordExpired } from "@/lib/access/security-policy";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/access/session-activity";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { recordAuditEvent } from "@/lib/audit";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** A User-Agent is the browser's to write: kept short, as text. */
const MAX_USER_AGENT = 256;

/**
 * Records a new session for a user who just proved their credentials; returns its id (the
 * cookie's sid). A password past the policy's age is audited here, once per sign-in: the gate
 * then sends the user to /account/password before anything else (lib/access/session.ts).
 */
export async function startUserSession(
  db: PrismaClient,
  start: { userId: number; sessionVersion: number; address: string; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  const [policy, user] = await Promise.all([
    loadSecurityPolicy(db),
    db.user.findUnique({ where: { id: start.userId }, select: { passwordChangedAt: true } }),
  ]);
  await db.$transaction(async (tx) => {
    await tx.userSession.create({
      data: {
        id,
        userId: start.userId,
        sessionVersion: start.sessionVersion,
        createdAt: now,
        lastSeenAt: now,
        address: start.address.slice(0, 64),
        userAgent: (start.userAgent ?? "").slice(0, MAX_USER_AGENT),
      },
    });
    if (user && passwordExpired(user.passwordChangedAt, policy, now.getTime())) {
      await recordAuditEvent(tx, {
        actorId: null,
        action: "user.passwordExpired",
        targetType: "User",
        targetId: String(start.userId),
        details: { passwordChangedAt: user.passwordChangedAt.toISOString(), maxAgeDays: policy.passwordMaxAgeDays },
      });
    }
  });
  return id;
}

export type OpenSession = {
  id: string;
  userId: number;
  username: string;
  displayName: string;
  createdAt: Date;
  lastSeenAt: Date;
  address: string;
  userAgent: string;
};

/**
 * The sessions still open at `now`: not ended, issued under the user's current sessionVersion (a
 * sign-out, password change or deactivation ends them all), within the idle time and the absolute limit.
 */
export async function listOpenSessions(
  db: Db,
  filter: { userId?: number; username?: string },
  now = new Date(),
  limit = 200,
): Promise<OpenSession[]> {
  const policy = await loadSecurityPolicy(db);
  const rows = await db.userSession.findMany({
    where: {
      endedAt: null,
      lastSeenAt: { gt: new Date(now.getTime() - policy.idleMinutes * 60_000) },
      createdAt: { gt: new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000) },
      ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
      user: { active: true, ...(filter.username ? { username: filter.username } : {}) },
    },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    take: limit,
    include: { user: { select: { username: true, displayName: true, sessionVersion: true } } },
  });
  return rows
    .filter((r) => r.sessionVersion === r.user.sessionVersion)
    .map((r) => ({
      id: r.id,
      userId: r.userId,
      username: r.user.username,
      displayName: r.user.displayName,
      createdAt: r.createdAt,
      lastSeenAt: r.lastSeenAt,
      address: r.address,
      userAgent: r.userAgent,
    }));
}

export type EndedBy = { kind: "self"; userId: number; currentSid: string } | { kind: "securityAdmin"; actorId: number };

/**
 * Ends sessions, audited one event each, and tells every instance (the gate refuses their cookies
 * from the next request on). `self`: only the user's own sessions, never the one asking.
 * Returns the sessions ended.
 */
export async function endSessions(
  db: PrismaClient,
  sessionIds: readonly string[] | "allOthers",
  by: EndedBy,
  now = new Date(),
): Promise<Array<{ id: string; userId: number; username: string }>> {
  const ids = sessionIds === "allOthers" ? null : [...sessionIds];
  const ended = await db.$transaction(async (tx) => {
    const rows = await tx.userSession.findMany({
      where: {
        endedAt: null,
        ...(by.kind === "self" ? { userId: by.userId } : {}),
        // The requested ones, never the asking session.
        AND: [ids ? { id: { in: ids } } : {}, by.kind === "self" ? { id: { not: by.currentSid } } : {}],
      },
      include: { user: { select: { username: true } } },
    });
    const targets = rows;
    const done: Array<{ id: string; userId: number; username: string }> = [];
    for (const row of targets) {
      const { count } = await tx.userSession.updateMany({
        where: { id: row.id, endedAt: null },
        data: { endedAt: now, endReason: by.kind === "self" ? "user" : "securityAdmin" },
      });
      if (count === 0) continue;
      await recordAuditEvent(tx, {
        actorId: by.kind === "self" ? by.userId : by.actorId,
        action: by.kind === "self" ? "session.endOwn" : "session.endByAdmin",
        targetType: "User",
        targetId: String(row.userId),
        details: { session: row.id, username: row.user.username, address: row.address },
      });
      done.push({ id: row.id, userId: row.userId, username: row.user.username });
    }
    return done;
  });
  for (const userId of new Set(ended.map((e) => e.userId))) await forgetUserStatus(userId);
  return ended;
}

/** Marks every open session of the user ended (sign-out ends them all: its sessionVersion bump). */
export async function markSessionsEnded(tx: Db, userId: number, reason: string, now = new Date()): Promise<void> {
  await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}
