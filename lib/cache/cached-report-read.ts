import "server-only";
import { unstable_cache } from "next/cache";
import { REPORT_DATA_TAG, readAtTag } from "@/lib/cache/cache-tags";

/**
 * unstable_cache for a read of report data: tagged with REPORT_DATA_TAG (publishing expires
 * it) and with the moment this call began (readAtTag), so that the page rendering it is dated
 * by its oldest read (lib/cache/cache-tags.ts). The wrapper is made per call because the
 * read-at tag changes; the cache key (the function's source, keyParts and the arguments)
 * does not, so every call shares one entry.
 */
export function cachedReportRead<Args extends unknown[], Result>(
  read: (...args: Args) => Promise<Result>,
  keyParts: string[],
): (...args: Args) => Promise<Result> {
  return (...args: Args) => unstable_cache(read, keyParts, { tags: [REPORT_DATA_TAG, readAtTag()] })(...args);
}
