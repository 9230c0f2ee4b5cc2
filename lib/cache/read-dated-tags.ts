// What both cache handlers need to date an entry by its oldest read (lib/cache/cache-tags.ts):
// the tags a write carries. Plain TypeScript with no Next or server-only imports, because the
// handlers are loaded outside Next's bundle.
import type { CacheHandler } from "next/dist/server/lib/incremental-cache";
import { oldestReadAt } from "./cache-tags";

type SetData = Parameters<CacheHandler["set"]>[1];
type SetContext = Parameters<CacheHandler["set"]>[2];

const CACHE_TAGS_HEADER = "x-next-cache-tags";

/** The tags of an entry being stored: a page's from its cache-tags header, a cached read's from the call. */
export function tagsOfWrite(data: SetData, ctx: SetContext): string[] {
  if (data && "headers" in data && data.headers) {
    const header = (data.headers as Record<string, unknown>)[CACHE_TAGS_HEADER];
    if (typeof header === "string" && header) return header.split(",");
  }
  if ("fetchCache" in ctx && ctx.fetchCache && Array.isArray(ctx.tags)) return ctx.tags;
  return [];
}

/** When an entry being stored now dates from: its oldest read when it names one, else now. */
export function datedByOldestRead(tags: readonly string[], now: number = Date.now()): number {
  const readAt = oldestReadAt(tags);
  return readAt === null ? now : Math.min(readAt, now);
}
