// How fast one account may make the gate read the database to learn whether a page exists
// (lib/access/page-existence.ts counts a read its memo could not answer as one lookup). Reading
// the site costs a few lookups a minute; asking for URL after never-seen URL costs one each, and
// past PAGE_LOOKUPS_PER_MINUTE in a minute the account is answered 429 until the minute ends
// (issue 19, item 3). Counted in Redis when REDIS_URL is set (one count across instances), else
// in this process; Redis not answering falls back to this process's count. The first lookup
// past the limit in a window is audited, once per account and window, not per request.
import "server-only";
import { recordAuditEvent } from "@/lib/audit";
import { incrementSharedCounter } from "@/lib/cache/redis";
import { prisma } from "@/lib/db";

export const LOOKUP_WINDOW_MS = 60_000;
const DEFAULT_LOOKUPS_PER_MINUTE = 300;

/** The configured limit (PAGE_LOOKUPS_PER_MINUTE, a positive integer; default 300). */
export function lookupsPerMinute(): number {
  const value = Number(process.env.PAGE_LOOKUPS_PER_MINUTE);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_LOOKUPS_PER_MINUTE;
}

const store = globalThis as unknown as { __dashboardLookups?: Map<string, number> };
const local = (store.__dashboardLookups ??= new Map<string, number>());

function countLocally(key: string, window: number): number {
  // Only the current window's counts are kept: the map holds one entry per active account.
  for (const k of local.keys()) if (!k.endsWith(`:${window}`)) local.delete(k);
  const count = (local.get(key) ?? 0) + 1;
  local.set(key, count);
  return count;
}

export type LookupDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one lookup for the account; refused past the limit until the window ends. */
export async function takeLookup(userId: number, now: number = Date.now()): Promise<LookupDecision> {
  const window = Math.floor(now / LOOKUP_WINDOW_MS);
  const key = `lookups:${userId}:${window}`;
  const shared = process.env.REDIS_URL
    ? await incrementSharedCounter(key, Math.ceil((2 * LOOKUP_WINDOW_MS) / 1000))
    : null;
  const count = shared ?? countLocally(key, window);
  const limit = lookupsPerMinute();
  if (count <= limit) return { allowed: true };
  if (count === limit + 1) {
    try {
      await recordAuditEvent(prisma, {
        actorId: userId,
        action: "page.lookupsLimited",
        details: { count: limit, windowSeconds: LOOKUP_WINDOW_MS / 1000 },
      });
    } catch (error) {
      console.error(`[access] could not audit the lookup limit: ${error instanceof Error ? error.message : error}`);
    }
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * LOOKUP_WINDOW_MS - now) / 1000)) };
}

/** Not-found pages drawn in the app's layout per account and minute; past it, the plain one. */
export const LAYOUT_NOT_FOUND_PER_MINUTE = 30;
const notFounds = new Map<string, number>();

/**
 * Whether this account's next "not found" may be drawn in the app's layout (a render: the
 * navigation and the months that exist) rather than as the small self-contained 404 page. A
 * reader mistypes a URL now and then; a flood of never-seen URLs gets the cheap page, so that it
 * costs no render either (issue 19, item 1). Per process: it only saves work, it guards nothing.
 */
export function mayDrawNotFound(userId: number, now: number = Date.now()): boolean {
  const window = Math.floor(now / LOOKUP_WINDOW_MS);
  const key = `${userId}:${window}`;
  for (const k of notFounds.keys()) if (!k.endsWith(`:${window}`)) notFounds.delete(k);
  const count = (notFounds.get(key) ?? 0) + 1;
  notFounds.set(key, count);
  return count <= LAYOUT_NOT_FOUND_PER_MINUTE;
}

/** Forgets this process's counts (tests). */
export function forgetLookups(): void {
  local.clear();
  notFounds.clear();
}
