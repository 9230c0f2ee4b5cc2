// Next's own file-system cache (one instance, no REDIS_URL), with one change: a page or cached
// read whose oldest read began before one of its tags expired is not stored. Next dates an entry
// by when it is stored, so a render that read the figures before a publish and finished after
// the publish's updateTag would be kept as if it were newer than the publish, and served with
// the old figures until the next one (lib/cache/cache-tags.ts). Not storing it leaves the
// path a miss: the next request renders it from the new figures.
//
// next.config.ts names this file as `cacheHandler` when REDIS_URL is not set
// (lib/cache/redis-cache-handler.ts, loaded through ./cache-handler.mjs, dates entries itself).
// Plain JavaScript with no imports but Next's and Node's: the build bundles and traces it as it
// is (a handler loaded through tsx drags esbuild's binary into the build).
//
// Bounded (issue 19, item 1): Next's own handler keeps every page it ever rendered on disk, and a
// restart or a publish removes none. This one keeps an index of what this process stored (key →
// files, bytes, tags) in last-use order and holds the disk to PAGE_CACHE_MAX_ENTRIES entries and
// PAGE_CACHE_MAX_MB megabytes (defaults 10,000 and 1,024): past either, the least recently used
// entries are removed, their files deleted. A publish that expires a tag removes the entries
// carrying it (files deleted) instead of only marking them stale. What an earlier process stored
// is not in the index and could not be expired by this one (tag expiries live in memory), so the
// first handler of a server process deletes the page cache folders (server/route-cache,
// cache/fetch-cache): after a restart every page is rendered afresh on its first visit.
import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import nextFileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache.js";

const FileSystemCache = nextFileSystemCache.default ?? nextFileSystemCache;

/** Kept equal to READ_AT_TAG_PREFIX in lib/cache/cache-tags.ts (checked by the test). */
export const READ_AT_TAG_PREFIX = "read-at:";
const CACHE_TAGS_HEADER = "x-next-cache-tags";

// Next constructs a handler per request: what expired when is kept for the process.
const expiries = (globalThis.dashTagExpiries ??= new Map());

const positive = (value, fallback) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
/** The bound, read when the server starts (docs/configuration.md). */
export const cacheBound = () => ({
  maxEntries: Math.floor(positive(process.env.PAGE_CACHE_MAX_ENTRIES, 10_000)),
  maxBytes: Math.floor(positive(process.env.PAGE_CACHE_MAX_MB, 1_024) * 1024 * 1024),
});

/**
 * What this process stored: key → { files, bytes, tags }, in last-use order (a Map keeps
 * insertion order; a use moves the key to the end). On globalThis: one per process.
 */
const index = (globalThis.dashCacheIndex ??= { entries: new Map(), bytes: 0, wiped: new Set() });

/** Bytes an entry takes on disk, near enough: its payloads plus a little for the metadata. */
function sizeOf(data) {
  const len = (x) => (x == null ? 0 : typeof x === "string" ? Buffer.byteLength(x) : (x.length ?? 0));
  let bytes = 512;
  if (data?.kind === "FETCH") return bytes + len(JSON.stringify(data));
  bytes += len(data?.html) + len(data?.rscData) + len(data?.body) + len(data?.postponed);
  if (data?.segmentData) for (const [segment, buffer] of data.segmentData) bytes += segment.length + len(buffer);
  if (data?.pageData) bytes += len(JSON.stringify(data.pageData));
  return bytes;
}

/** What is not evicted by a tag: the read-at tags name a moment, not data. */
const expiringTags = (tags) => tags.filter((tag) => !tag.startsWith(READ_AT_TAG_PREFIX));

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
  constructor(ctx) {
    super(ctx);
    // Next also constructs a handler with no folder of its own (nothing on disk then).
    if (!this.serverDistDir) return;
    const routeCache = path.join(this.serverDistDir, "route-cache");
    // Once per process and build; never while building (build workers share the folders).
    if (this.flushToDisk && process.env.NEXT_PHASE !== "phase-production-build" && !index.wiped.has(routeCache)) {
      index.wiped.add(routeCache);
      for (const folder of [routeCache, path.join(this.serverDistDir, "..", "cache", "fetch-cache")])
        rmSync(folder, { recursive: true, force: true });
    }
  }

  async revalidateTag(tags, durations) {
    const now = Date.now();
    const list = typeof tags === "string" ? [tags] : tags;
    for (const tag of list) expiries.set(tag, Math.max(now, expiries.get(tag) ?? 0));
    await super.revalidateTag(tags, durations);
    // What the publish expired is removed, not left on disk never to be read again.
    const expired = new Set(list);
    const gone = [...index.entries].filter(([, entry]) => entry.tags.some((tag) => expired.has(tag)));
    await Promise.all(gone.map(([key]) => this.remove(key)));
  }

  async get(key, ctx) {
    const data = await super.get(key, ctx);
    const entry = index.entries.get(key);
    if (entry && data) {
      // Used: now the most recent.
      index.entries.delete(key);
      index.entries.set(key, entry);
    }
    return data;
  }

  async set(key, data, ctx) {
    const tags = tagsOfWrite(data, ctx);
    const readAt = oldestReadAt(tags);
    // The tags' expiry times are not in the entry: compare with what this process expired.
    if (readAt !== null && expiredSince(tags, readAt)) return;
    await super.set(key, data, ctx);
    if (!this.flushToDisk || !data || !this.serverDistDir) return;
    const previous = index.entries.get(key);
    if (previous) {
      index.entries.delete(key);
      index.bytes -= previous.bytes;
    }
    const entry = { files: this.filesOf(key, data.kind), bytes: sizeOf(data), tags: expiringTags(tags) };
    index.entries.set(key, entry);
    index.bytes += entry.bytes;
    const { maxEntries, maxBytes } = cacheBound();
    const evicted = [];
    let entries = index.entries.size;
    let bytes = index.bytes;
    for (const oldest of index.entries.keys()) {
      if (entries <= maxEntries && bytes <= maxBytes) break;
      if (oldest === key) break; // the entry just stored stays, even alone over the bound
      evicted.push(oldest);
      entries -= 1;
      bytes -= index.entries.get(oldest).bytes;
    }
    await Promise.all(evicted.map((old) => this.remove(old)));
  }

  /** The files (and segment folders) Next writes for an entry (file-system-cache.js, set). */
  filesOf(key, kind) {
    if (kind === "FETCH") return [this.getFilePath(key, "FETCH")];
    if (kind === "APP_ROUTE") {
      const body = this.getFilePath(`${key}.body`, "APP_ROUTE");
      return [body, body.replace(/\.body$/, ".meta")];
    }
    const html = this.getFilePath(`${key}.html`, kind === "PAGES" ? "PAGES" : "APP_PAGE");
    const stem = html.replace(/\.html$/, "");
    return [html, `${stem}.meta`, `${stem}.rsc`, `${stem}.json`, `${stem}.segments`];
  }

  /** Forgets an entry: out of the index and Next's memory cache, its files deleted. */
  async remove(key) {
    const entry = index.entries.get(key);
    if (!entry) return;
    index.entries.delete(key);
    index.bytes -= entry.bytes;
    FileSystemCache.memoryCache?.remove(key);
    await Promise.all(entry.files.map((file) => rm(file, { recursive: true, force: true })));
  }
}

/** What this process's index holds now (tests): entries and their bytes. */
export function cacheIndexSize() {
  return { entries: index.entries.size, bytes: index.bytes };
}

export default ReadDatedFileSystemCache;
