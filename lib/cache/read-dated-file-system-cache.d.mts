import type { CacheHandler, CacheHandlerContext } from "next/dist/server/lib/incremental-cache";

export declare const READ_AT_TAG_PREFIX: string;
export declare function tagsOfWrite(
  data: Parameters<CacheHandler["set"]>[1],
  ctx: Parameters<CacheHandler["set"]>[2],
): string[];
export declare function oldestReadAt(tags: readonly string[]): number | null;
export declare function expiredSince(
  tags: readonly string[],
  since: number,
  known?: ReadonlyMap<string, number>,
): boolean;
export declare function cacheBound(): { maxEntries: number; maxBytes: number };
export declare function cacheIndexSize(): { entries: number; bytes: number };
export declare class ReadDatedFileSystemCache implements CacheHandler {
  constructor(ctx: CacheHandlerContext);
  get(...args: Parameters<CacheHandler["get"]>): ReturnType<CacheHandler["get"]>;
  set(...args: Parameters<CacheHandler["set"]>): ReturnType<CacheHandler["set"]>;
  revalidateTag(...args: Parameters<CacheHandler["revalidateTag"]>): ReturnType<CacheHandler["revalidateTag"]>;
  resetRequestCache(): void;
}
export default ReadDatedFileSystemCache;
