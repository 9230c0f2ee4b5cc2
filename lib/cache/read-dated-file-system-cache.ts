// Next's own file-system cache (one instance, no REDIS_URL), with one change: a page or cached
// read whose oldest read began before one of its tags expired is not stored. Next dates an entry
// by when it is stored, so a render that read the figures before a publish and finished after
// the publish's updateTag would be kept as if it were newer than the publish, and served with
// the old figures until the next one (lib/queries/cache-tags.ts). Not storing it leaves the
// path a miss: the next request renders it from the new figures.
//
// next.config.ts names ./cache-handler.mjs as `cacheHandler`; it loads this class when REDIS_URL
// is not set (lib/cache/redis-cache-handler.ts dates the entries itself).
import { createRequire } from "node:module";
import type { CacheHandler, CacheHandlerContext } from "next/dist/server/lib/incremental-cache";
import type NextFileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache";
import { datedByOldestRead, tagsOfWrite } from "./read-dated-tags";

// Next's server loads its modules with require: the same require gives the same class.
const require = createRequire(import.meta.url);
const FileSystemCache = (require("next/dist/server/lib/incremental-cache/file-system-cache.js") as { default: typeof NextFileSystemCache }).default;

type SetData = Parameters<CacheHandler["set"]>[1];
type SetContext = Parameters<CacheHandler["set"]>[2];

// Next constructs a handler per request: what expired when is kept for the process.
const state = globalThis as unknown as { dashTagExpiries?: Map<string, number> };
const expiries = (state.dashTagExpiries ??= new Map<string, number>());

/** Whether any of the tags expired (or was marked stale) after `since`. */
export function expiredSince(tags: readonly string[], since: number, known: ReadonlyMap<string, number> = expiries): boolean {
  return tags.some((tag) => (known.get(tag) ?? -Infinity) > since);
}

export class ReadDatedFileSystemCache extends FileSystemCache {
  constructor(ctx: CacheHandlerContext) {
    super(ctx as ConstructorParameters<typeof NextFileSystemCache>[0]);
  }

  override async revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void> {
    const now = Date.now();
    for (const tag of typeof tags === "string" ? [tags] : tags) expiries.set(tag, Math.max(now, expiries.get(tag) ?? 0));
    return super.revalidateTag(tags, durations);
  }

  override async set(key: string, data: SetData, ctx: SetContext): Promise<void> {
    const tags = tagsOfWrite(data, ctx);
    const datedAt = datedByOldestRead(tags);
    // The tags' own expiry times are not in the entry: compare against what this process expired.
    if (datedAt < Date.now() && expiredSince(tags, datedAt)) return;
    return super.set(key, data, ctx);
  }
}

export default ReadDatedFileSystemCache;
