import "server-only";
// Is this session still open? Asked by the gate on every request (lib/access/session.ts), so it
// must cost next to nothing (issue 22, 身份鉴别 b; issue 12's budget, `npm run bench`):
//
// - each session (UserSession, its id carried in the cookie as `sid`) is kept in this process and
//   read from the database again at most every STATE_TTL_MS;
// - its last activity is written at most once every LAST_SEEN_WRITE_MS (a minute), however many
//   requests it makes;
// - the policy (idle time, password age) is kept STATE_TTL_MS too.
//
// A session is refused when it has ended (signed out, ended by its user or by the security
// administrator), has had no request for the policy's idle time, or has outlived
// SESSION_MAX_AGE_SECONDS since sign-in — whatever the cookie's own expiry says, since the cookie
// is re-issued with a fresh one every hour. The first instance to notice an idle or over-age
// session ends it in the database and records it in the audit trail; ending a session calls
// forgetUserStatus (lib/access/viewer-status.ts), whose broadcast makes every instance drop its
// copy of the user's sessions (forgetSessionsOf) and read them again.
//
// Several instances: activity seen only by another instance reaches the database within a minute,
// so a session used on one instance and checked on another may be ended up to a minute early;
// the browser's warning comes a minute before the end and its 继续 writes the activity at once.
import {
  defaultSecurityPolicy,
  loadSecurityPolicy,
  passwordExpired,
  type SecurityPolicy,
} from "@/lib/access/security-policy";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";

/** The absolute limit of a session, from sign-in, however active (and the cookie's lifetime). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
const STATE_TTL_MS = 5_000;
export const LAST_SEEN_WRITE_MS = 60_000;
const MAX_REMEMBERED = 10_000;

type Entry = {
  userId: number;
  createdAt: number;
  /** The latest activity known here: the database's, or a later request to this process. */
  lastSeen: number;
  /** The lastSeenAt the database holds (or is being given). */
  written: number;
  ended: boolean;
  readAt: number;
};

// On globalThis: the proxy and the app are bundled apart but share one process.
const store = globalThis as unknown as {
  __dashboardSessions?: Map<string, Entry>;
  __dashboardSessionGenerations?: Map<number, number>;
  __dashboardSecurityPolicy?: { policy: SecurityPolicy; at: number };
};
const cache = (store.__dashboardSessions ??= new Map<string, Entry>());
/** Bumped by every forget: a read that began before a forget must not put its older answer back. */
const generations = (store.__dashboardSessionGenerations ??= new Map<number, number>());

/** The policy as this process holds it, when it is fresh: the gate's path without an await. */
export function securityPolicyNow(): SecurityPolicy | undefined {
  const cached = store.__dashboardSecurityPolicy;
  return cached && Date.now() - cached.at < STATE_TTL_MS ? cached.policy : undefined;
}

/** The security administrator's policy, kept a few seconds (forgotten at once in the process that changes it). */
export async function getSecurityPolicy(): Promise<SecurityPolicy> {
  const cached = securityPolicyNow();
  if (cached) return cached;
  let policy = defaultSecurityPolicy();
  try {
    policy = await loadSecurityPolicy(prisma);
  } catch (error) {
    // The defaults, not an open door: every limit still holds at its default value.
    console.error(`[access] security policy unreadable: ${(error as Error).message}`);
  }
  store.__dashboardSecurityPolicy = { policy, at: Date.now() };
  return policy;
}

export function forgetSecurityPolicy(): void {
  store.__dashboardSecurityPolicy = undefined;
}

/** Must this password, set at `changedAt`, be changed before anything else is read? */
export function passwordHasExpired(changedAt: Date | number, policy: SecurityPolicy, now = Date.now()): boolean {
  return passwordExpired(changedAt, policy, now);
}

/** Drops this process's copy of a user's sessions (called by viewer-status's forget, here and on every instance). */
export function forgetSessionsOf(userId: number): void {
  generations.set(userId, (generations.get(userId) ?? 0) + 1);
  for (const [sid, entry] of cache) if (entry.userId === userId) cache.delete(sid);
}

async function readEntry(sid: string, known: Entry | undefined): Promise<Entry | null> {
  const row = await prisma.userSession.findUnique({
    where: { id: sid },
    select: { userId: true, createdAt: true, lastSeenAt: true, endedAt: true },
  });
  if (!row) {
    cache.delete(sid);
    return null;
  }
  const generation = generations.get(row.userId) ?? 0;
  const lastSeenAt = row.lastSeenAt.getTime();
  // What this process saw and has not written yet (under a minute) still counts; but a database
  // value older than the one written here was changed behind the app (an operator, a test): it is
  // the truth then.
  const trusted = known && lastSeenAt >= known.written ? known : undefined;
  const entry: Entry = {
    userId: row.userId,
    createdAt: row.createdAt.getTime(),
    lastSeen: Math.max(lastSeenAt, trusted?.lastSeen ?? 0),
    written: Math.max(lastSeenAt, trusted?.written ?? 0),
    ended: row.endedAt !== null,
    readAt: Date.now(),
  };
  if ((generations.get(row.userId) ?? 0) === generation) {
    if (cache.size >= MAX_REMEMBERED && !cache.has(sid)) cache.delete(cache.keys().next().value!);
    cache.set(sid, entry);
  }
  return entry;
}

async function writeLastSeen(sid: string, entry: Entry, at: number): Promise<void> {
  entry.written = at;
  try {
    await prisma.userSession.updateMany({
      where: { id: sid, endedAt: null, lastSeenAt: { lt: new Date(at) } },
      data: { lastSeenAt: new Date(at) },
    });
  } catch (error) {
    console.error(`[access] session activity not written: ${(error as Error).message}`);
  }
}

/** Ends an idle or over-age session, once (the first instance to see it), with its audit event. */
async function endExpired(sid: string, entry: Entry, reason: "idle" | "maxAge", now: number): Promise<void> {
  entry.ended = true;
  await prisma.$transaction(async (tx) => {
    const ended = await tx.userSession.updateMany({
      where: { id: sid, endedAt: null },
      data: { endedAt: new Date(now), endReason: reason },
    });
    if (ended.count === 0) return;
    await recordAuditEvent(tx, {
      actorId: null,
      action: reason === "idle" ? "session.idleExpired" : "session.maxAgeExpired",
      targetType: "User",
      targetId: String(entry.userId),
      details: { session: sid, lastSeenAt: new Date(entry.lastSeen).toISOString() },
    });
  });
}

/**
 * isSessionLive's answer from this process's memory alone, when it has one: the session and the
 * policy are fresh and nothing is due (no end to record, no activity to write). undefined: ask
 * isSessionLive. Most requests end here, without an await (issue 12's per-request budget).
 */
export function sessionLiveNow(sid: unknown, userId: number, now = Date.now()): boolean | undefined {
  if (typeof sid !== "string") return false;
  const entry = cache.get(sid);
  const policy = securityPolicyNow();
  if (!entry || !policy || Date.now() - entry.readAt >= STATE_TTL_MS) return undefined;
  if (entry.ended || entry.userId !== userId) return false;
  if (now - entry.createdAt > SESSION_MAX_AGE_SECONDS * 1000 || now - entry.lastSeen > policy.idleMinutes * 60_000)
    return undefined;
  if (now - entry.written >= LAST_SEEN_WRITE_MS) return undefined;
  if (now > entry.lastSeen) entry.lastSeen = now;
  return true;
}

/**
 * Is the session `sid` (from a cookie of `userId`) open at `now`? Counts this request as its
 * activity. A cookie without a session id (issued before sessions were recorded) is refused.
 */
export async function isSessionLive(sid: unknown, userId: number, now = Date.now()): Promise<boolean> {
  if (typeof sid !== "string" || sid.length === 0 || sid.length > 64) return false;
  const known = cache.get(sid);
  const entry = known && Date.now() - known.readAt < STATE_TTL_MS ? known : await readEntry(sid, known);
  if (!entry || entry.ended || entry.userId !== userId) return false;
  if (now - entry.createdAt > SESSION_MAX_AGE_SECONDS * 1000) {
    await endExpired(sid, entry, "maxAge", now);
    return false;
  }
  const { idleMinutes } = await getSecurityPolicy();
  if (now - entry.lastSeen > idleMinutes * 60_000) {
    await endExpired(sid, entry, "idle", now);
    return false;
  }
  if (now > entry.lastSeen) entry.lastSeen = now;
  if (now - entry.written >= LAST_SEEN_WRITE_MS) await writeLastSeen(sid, entry, now);
  return true;
}

/** The browser's 继续 (keep-alive): the activity is written now, not within the minute. */
export async function renewSession(sid: string, userId: number, now = Date.now()): Promise<boolean> {
  if (!(await isSessionLive(sid, userId, now))) return false;
  const entry = cache.get(sid);
  if (entry && entry.written < now) await writeLastSeen(sid, entry, now);
  return true;
}
