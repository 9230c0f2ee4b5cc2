// Next's own file-system cache (one instance, no REDIS_URL), with one change: a page or cached
// read whose oldest read began before one of its tags expired is not stored. Next dates an entry
// by when it is stored, so a render that read the figures before a publish and finished after
// the publish's updateTag would be kept as if it were newer than the publish, and served with
// the old figures until the next one (lib/cache/cache-tags.ts). Not storing it leaves the
// path a miss: the next request renders it from the new figures.
//
// next.config.ts names this file as `cacheHandler` when REDIS_URL is not set
// (lib/cache/redis-cache-handler.ts, loaded through ./cache-handler.mjs, dates entries itself).
// Plain JavaScript with no imports but Next's: the build bundles and traces it as it is (a
// handler loaded through tsx drags esbuild's binary into the build).
import nextFileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";

const FileSystemCache = nextFileSystemCache.default ?? nextFileSystemCache;

/** Kept equal to READ_AT_TAG_PREFIX in lib/cache/cache-tags.ts (checked by the test). */
export const READ_AT_TAG_PREFIX = "read-at:";
const CACHE_TAGS_HEADER = "x-next-cache-tags";

// Next constructs a handler per request: what expired when is kept for the process.
const expiries = (globalThis.dashTagExpiries ??= new Map());

/** The tags of an entry being stored: a page's from its cache-tags header, a cached read's from the call. */
export function tagsOfWrite(data, ctx) {
  const header = data?.headers?.[CACHE_TAGS_HEADER];
  if (typeof header === "string" && header) return header.split(",");
  if (ctx?.fetchCache && Array.isArray(ctx.tags)) return ctx.tags;
  return [];
}

/** The earliest read-at time among the tags, or null when there is none. */
export function oldestReadAt(tags) {
  let oldest = null;
  for (const tag of tags) {
    if (!tag.startsWith(READ_AT_TAG_PREFIX)) continue;
    const at = Number(tag.slice(READ_AT_TAG_PREFIX.length));
    if (Number.isFinite(at) && (oldest === null || at < oldest)) oldest = at;
  }
  return oldest;
}

/** Whether any of the tags expired (or was marked stale) at or after `since` (the same millisecond cannot be ordered: not kept). */
export function expiredSince(tags, since, known = expiries) {
  return tags.some((tag) => (known.get(tag) ?? -Infinity) >= since);
}

export class ReadDatedFileSystemCache extends FileSystemCache {
  async revalidateTag(tags, durations) {
    const now = Date.now();
    for (const tag of typeof tags === "string" ? [tags] : tags)
      expiries.set(tag, Math.max(now, expiries.get(tag) ?? 0));
    return super.revalidateTag(tags, durations);
  }

  async set(key, data, ctx) {
    const tags = tagsOfWrite(data, ctx);
    const readAt = oldestReadAt(tags);
    // The tags' expiry times are not in the entry: compare with what this process expired.
    if (readAt !== null && expiredSince(tags, readAt)) return;
    return super.set(key, data, ctx);
  }
}

export default ReadDatedFileSystemCache;
