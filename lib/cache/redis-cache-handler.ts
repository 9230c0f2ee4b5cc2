// Next's cache (prerendered pages and unstable_cache reads) in Redis, shared by every app
// instance: a publish on one instance (updateTag / revalidatePath) expires the entries for all.
//
// next.config.ts sets `cacheHandler` to ./cache-handler.mjs (which loads this file) only when
// REDIS_URL is set, with `cacheMaxMemorySize: 0` so that no instance keeps a private copy.
// Next imports it at run time outside its bundle and constructs it once per request: the
// Redis connection lives in module scope.
//
// Layout in Redis (every key under REDIS_KEY_PREFIX, default "dash:"):
//   entry:<cache key>  the entry (value, lastModified, cacheControl, tags), v8-serialised
//                      (pages hold Buffers and Maps), with a TTL so old entries can be evicted
//   tags:expired       hash tag → ms timestamp: entries of that tag older than it are gone
//   tags:stale         hash tag → ms timestamp (revalidateTag with a cacheLife profile)
//   entries:lru        sorted set cache key → its last use (ms): at most PAGE_CACHE_MAX_ENTRIES
//                      (default 10,000) entries are kept, the least recently used deleted first
//   entries:tags       hash cache key → the tags it was stored with (comma-separated)
//   tag:<tag>          set of the cache keys stored with that tag: expiring the tag (a publish)
//                      deletes them, rather than leaving them to their TTL (issue 19, item 1)
// The tag hashes have no TTL: run Redis with `maxmemory-policy volatile-lru` (or noeviction)
// so that only entries are ever evicted, never the record of what publishing expired.
//
// Redis down or slow: a read is a miss (the page is rendered from the database), a write is
// dropped, an expiry is logged as an error; requests never fail because of the cache.
import { deserialize, serialize } from "node:v8";
import type { CacheHandler, CacheHandlerContext, CacheHandlerValue } from "next/dist/server/lib/incremental-cache";
import { createClient, RESP_TYPES } from "redis";
import { datedByOldestRead, tagsOfWrite } from "./read-dated-tags";

type GetContext = Parameters<CacheHandler["get"]>[1];
type SetData = Parameters<CacheHandler["set"]>[1];
type SetContext = Parameters<CacheHandler["set"]>[2];

/** What is stored per key: Next's value plus the tags a fetch-kind entry was saved with. */
type StoredEntry = CacheHandlerValue & { tags?: string[] };

const CACHE_TAGS_HEADER = "x-next-cache-tags";
const RESPONSE_KINDS = new Set(["APP_PAGE", "APP_ROUTE", "PAGES"]);
/** Entries without a lifetime of their own (ISR pages, unstable_cache reads) are kept this long. */
const DEFAULT_TTL_SECONDS = 14 * 24 * 3600;
/** A cache answer slower than this is treated as a miss: rendering is cheaper than waiting. */
const COMMAND_TIMEOUT_MS = 1_000;

const prefix = process.env.REDIS_KEY_PREFIX ?? "dash:";
const EXPIRED_KEY = `${prefix}tags:expired`;
const STALE_KEY = `${prefix}tags:stale`;
const entryKey = (key: string) => `${prefix}entry:${key}`;
const LRU_KEY = `${prefix}entries:lru`;
const ENTRY_TAGS_KEY = `${prefix}entries:tags`;
const tagKey = (tag: string) => `${prefix}tag:${tag}`;
const READ_AT_PREFIX = "read-at:";

/** The most entries kept (PAGE_CACHE_MAX_ENTRIES, default 10,000). */
export function maxEntries(): number {
  const n = Number(process.env.PAGE_CACHE_MAX_ENTRIES);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
}

function newClient(url: string) {
  const client = createClient({
    url,
    // Commands fail at once while Redis is unreachable instead of queueing behind it.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    // Reconnection attempts repeat the same error: log it at most every 10 s.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      console.error(`[cache] Redis: ${error.message}`);
    }
  });
  const ready = client.connect().then(
    () => undefined,
    () => undefined,
  );
  return { client, binary: client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer }), ready };
}

type Connection = ReturnType<typeof newClient>;
const globalForRedis = globalThis as unknown as { dashCacheRedis?: Connection };

/** The process's connection, or null when Redis is not answering (a miss, not an error). */
async function connection(): Promise<Connection | null> {
  const url = process.env.REDIS_URL;
  if (!url) return null;
  const conn = (globalForRedis.dashCacheRedis ??= newClient(url));
  if (!conn.client.isReady) await Promise.race([conn.ready, sleep(COMMAND_TIMEOUT_MS)]);
  return conn.client.isReady ? conn : null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not answer within ${COMMAND_TIMEOUT_MS} ms`)),
      COMMAND_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The tags an entry depends on: a page's from its cache-tags header, a fetch's from the call and the entry. */
export function entryTags(entry: StoredEntry, ctx: GetContext): string[] {
  const value = entry.value;
  // Next's kinds are const enums, not importable under isolatedModules: compare their strings.
  if (value && "headers" in value && RESPONSE_KINDS.has(String(value.kind))) {
    const header = value.headers?.[CACHE_TAGS_HEADER];
    return typeof header === "string" && header ? header.split(",") : [];
  }
  if (String(ctx.kind) === "FETCH" && "tags" in ctx)
    return [...(ctx.tags ?? []), ...(ctx.softTags ?? []), ...(entry.tags ?? [])];
  return [];
}

/**
 * Whether a tag expired after the entry was written: an immediate expiry (updateTag,
 * revalidatePath) or a cacheLife expiry that has come. A stale mark counts as expired too:
 * the next request renders afresh instead of serving the old figures once more.
 */
export function isExpiredByTags(
  tags: string[],
  lastModified: number,
  expired: Record<string, string>,
  stale: Record<string, string>,
  now = Date.now(),
): boolean {
  for (const tag of tags) {
    const expiredAt = Number(expired[tag]);
    if (expiredAt > lastModified && expiredAt <= now) return true;
    const staleAt = Number(stale[tag]);
    if (staleAt > lastModified) return true;
  }
  return false;
}

export class RedisCacheHandler implements CacheHandler {
  // Next constructs a handler with its file-system cache context; nothing in it is needed here.
  // biome-ignore lint/complexity/noUselessConstructor: states the signature Next calls
  constructor(_ctx: CacheHandlerContext) {}

  async get(key: string, ctx: GetContext): Promise<CacheHandlerValue | null> {
    const conn = await connection();
    if (!conn) return null;
    try {
      // Issued in the same tick, the three commands go to Redis as one pipeline.
      // Touching the entry's last use (XX: only when it is indexed) goes with them.
      const [blob, expired, stale] = await withTimeout(
        Promise.all([
          conn.binary.get(entryKey(key)),
          conn.client.hGetAll(EXPIRED_KEY),
          conn.client.hGetAll(STALE_KEY),
          conn.client.zAdd(LRU_KEY, { score: Date.now(), value: key }, { condition: "XX" }),
        ]),
      );
      if (!blob) return null;
      const entry = deserialize(blob as Buffer) as StoredEntry;
      if (
        isExpiredByTags(
          entryTags(entry, ctx),
          entry.lastModified,
          expired as Record<string, string>,
          stale as Record<string, string>,
        )
      )
        return null;
      return { value: entry.value, lastModified: entry.lastModified, cacheControl: entry.cacheControl };
    } catch (error) {
      logFailure("get", error);
      return null;
    }
  }

  async set(key: string, data: SetData, ctx: SetContext): Promise<void> {
    const conn = await connection();
    if (!conn) return;
    const cacheControl = "cacheControl" in ctx ? ctx.cacheControl : undefined;
    const entry: StoredEntry = {
      value: data,
      // Dated by its oldest read, not by now: a render that read before a publish's expiry and
      // stores after it is then older than the expiry, so expired (lib/cache/cache-tags.ts).
      lastModified: datedByOldestRead(tagsOfWrite(data, ctx)),
      cacheControl,
      tags: "fetchCache" in ctx && ctx.fetchCache ? ctx.tags : undefined,
    };
    const expire = cacheControl?.expire;
    const ttl =
      typeof expire === "number" && Number.isFinite(expire) && expire > 0 ? Math.ceil(expire) : DEFAULT_TTL_SECONDS;
    // The tags a publish may expire it by (not the read-at tags: they name a moment, not data).
    const tags = tagsOfWrite(data, ctx).filter((tag) => !tag.startsWith(READ_AT_PREFIX) && !tag.includes(","));
    try {
      const write = conn.client
        .multi()
        .set(entryKey(key), serialize(entry), { expiration: { type: "EX", value: ttl } })
        .zAdd(LRU_KEY, { score: Date.now(), value: key })
        .hSet(ENTRY_TAGS_KEY, key, tags.join(","));
      for (const tag of tags) write.sAdd(tagKey(tag), key);
      await withTimeout(write.exec());
      // Over the bound: the least recently used go (ZPOPMIN is atomic: instances never double-count).
      const excess = (await withTimeout(conn.client.zCard(LRU_KEY))) - maxEntries();
      if (excess > 0) {
        const oldest = await withTimeout(conn.client.zPopMinCount(LRU_KEY, excess));
        await removeEntries(
          conn,
          oldest.map((o) => o.value),
        );
      }
    } catch (error) {
      logFailure("set", error);
    }
  }

  async revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void> {
    const list = typeof tags === "string" ? [tags] : tags;
    if (list.length === 0) return;
    const conn = await connection();
    if (!conn) {
      console.error(
        `[cache] Redis unavailable: could not expire ${list.join(", ")}; other instances may serve old pages until their entries expire`,
      );
      return;
    }
    const now = Date.now();
    const writes: Array<Promise<unknown>> = [];
    if (durations) {
      writes.push(conn.client.hSet(STALE_KEY, Object.fromEntries(list.map((tag) => [tag, String(now)]))));
      if (durations.expire !== undefined) {
        writes.push(
          conn.client.hSet(
            EXPIRED_KEY,
            Object.fromEntries(list.map((tag) => [tag, String(now + durations.expire! * 1000)])),
          ),
        );
      }
    } else {
      writes.push(conn.client.hSet(EXPIRED_KEY, Object.fromEntries(list.map((tag) => [tag, String(now)]))));
    }
    try {
      await withTimeout(Promise.all(writes));
      // What the tags expired is deleted, not left to its TTL.
      for (const tag of list) {
        const keys = await withTimeout(conn.client.sMembers(tagKey(tag)));
        await removeEntries(conn, keys);
        await withTimeout(conn.client.del(tagKey(tag)));
      }
    } catch (error) {
      console.error(
        `[cache] could not expire ${list.join(", ")} in Redis: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  resetRequestCache(): void {}
}

/** Deletes entries with their place in the LRU and the tag sets. */
async function removeEntries(conn: Connection, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const tagLists = await withTimeout(conn.client.hmGet(ENTRY_TAGS_KEY, keys));
  const remove = conn.client.multi();
  keys.forEach((key, i) => {
    for (const tag of (tagLists[i] ?? "").split(",")) if (tag) remove.sRem(tagKey(tag), key);
  });
  remove.del(keys.map(entryKey)).hDel(ENTRY_TAGS_KEY, keys).zRem(LRU_KEY, keys);
  await withTimeout(remove.exec());
}

let lastFailure = 0;
function logFailure(operation: string, error: unknown): void {
  if (Date.now() - lastFailure < 10_000) return;
  lastFailure = Date.now();
  console.error(
    `[cache] Redis ${operation} failed, served without the shared cache: ${error instanceof Error ? error.message : String(error)}`,
  );
}

export default RedisCacheHandler;
