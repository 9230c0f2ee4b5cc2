// The file-system page cache is bounded (issue 19, item 1): at most PAGE_CACHE_MAX_ENTRIES
// entries and PAGE_CACHE_MAX_MB on disk, the least recently used removed first with their files;
// a publish (an expired tag) removes the entries it expired, files and all; a new server process
// starts with empty cache folders. Against Next's real FileSystemCache writing to a temp folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CacheHandler } from "next/dist/server/lib/incremental-cache";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPORT_DATA_TAG, readAtTag } from "@/lib/cache/cache-tags";
import { cacheIndexSize, ReadDatedFileSystemCache } from "./read-dated-file-system-cache.mjs";

const require = createRequire(import.meta.url);
const { nodeFs } = require("next/dist/server/lib/node-fs-methods.js") as { nodeFs: unknown };

type GetContext = Parameters<CacheHandler["get"]>[1];
type SetData = Parameters<CacheHandler["set"]>[1];
type SetContext = Parameters<CacheHandler["set"]>[2];

const root = mkdtempSync(path.join(tmpdir(), "bounded-cache-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const pageCtx = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false } as unknown as GetContext;
const pageSetCtx = {
  cacheControl: { revalidate: false, expire: undefined },
  isRoutePPREnabled: false,
  isFallback: false,
} as unknown as SetContext;

/** A page of about `kb` KB, as Next stores a rendered month page. */
function page(key: string, kb: number, tags: string[] = []): SetData {
  return {
    kind: "APP_PAGE",
    html: `<html>${key}${"x".repeat(kb * 1024)}</html>`,
    rscData: Buffer.from(`rsc:${key}`),
    headers: { "x-next-cache-tags": ["_N_T_/layout", `_N_T_${key}`, ...tags, readAtTag()].join(",") },
    postponed: undefined,
    status: 200,
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  } as unknown as SetData;
}
const key = (n: number) => `/route-cache/APP_PAGE/abc/$/zh-CN/2021-06/units/d08/items/I${n}`;
const htmlOf = (entry: Awaited<ReturnType<CacheHandler["get"]>>) =>
  (entry?.value as { html?: string } | null | undefined)?.html ?? null;

function bytesUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(full) : statSync(full).size;
  }
  return total;
}

let serverDistDir: string;
let handler: CacheHandler;
const index = (globalThis as unknown as { dashCacheIndex: { entries: Map<string, unknown>; bytes: number } })
  .dashCacheIndex;

function newHandler(): CacheHandler {
  return new ReadDatedFileSystemCache({
    fs: nodeFs,
    serverDistDir,
    flushToDisk: true,
    dev: false,
    revalidatedTags: [],
    maxMemoryCacheSize: 0,
    _requestHeaders: {},
  } as never);
}

beforeEach(() => {
  serverDistDir = path.join(mkdtempSync(path.join(root, "dist-")), "server");
  mkdirSync(serverDistDir, { recursive: true });
  index.entries.clear();
  index.bytes = 0;
  handler = newHandler();
});
afterEach(() => {
  delete process.env.PAGE_CACHE_MAX_ENTRIES;
  delete process.env.PAGE_CACHE_MAX_MB;
});

describe("the bounded file-system page cache", () => {
  it("keeps at most PAGE_CACHE_MAX_ENTRIES entries: the least recently used go, files and all", async () => {
    process.env.PAGE_CACHE_MAX_ENTRIES = "5";
    for (let n = 1; n <= 5; n++) await handler.set(key(n), page(key(n), 10), pageSetCtx);
    expect(htmlOf(await handler.get(key(1), pageCtx))).toContain("I1"); // 1 is used: 2 is now the oldest
    for (let n = 6; n <= 200; n++) await handler.set(key(n), page(key(n), 10), pageSetCtx);
    expect(cacheIndexSize().entries).toBe(5);
    const cacheDir = path.join(serverDistDir, "route-cache");
    // 5 pages of ~10 KB each, not 200.
    expect(bytesUnder(cacheDir)).toBeLessThan(6 * 11 * 1024);
    expect(bytesUnder(cacheDir)).toBeGreaterThan(5 * 10 * 1024);
    expect(await handler.get(key(2), pageCtx)).toBeNull();
    expect(await handler.get(key(1), pageCtx)).toBeNull(); // used once, then 195 newer pages
    expect(htmlOf(await handler.get(key(200), pageCtx))).toContain("I200");
    expect(existsSync(path.join(serverDistDir, `${key(2)}.html`))).toBe(false);
    expect(existsSync(path.join(serverDistDir, `${key(2)}.segments`))).toBe(false);
    expect(existsSync(path.join(serverDistDir, `${key(200)}.html`))).toBe(true);
  });

  it("keeps at most PAGE_CACHE_MAX_MB on disk", async () => {
    process.env.PAGE_CACHE_MAX_MB = "1";
    for (let n = 1; n <= 40; n++) await handler.set(key(n), page(key(n), 130), pageSetCtx); // 5.2 MB asked
    const bytes = bytesUnder(path.join(serverDistDir, "route-cache"));
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(bytes).toBeGreaterThan(6 * 130 * 1024);
    expect(cacheIndexSize().bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it("a publish (the report-data tag expired) removes what it expired, files and all", async () => {
    for (let n = 1; n <= 20; n++) await handler.set(key(n), page(key(n), 10, [REPORT_DATA_TAG]), pageSetCtx);
    const other = "/route-cache/APP_PAGE/abc/$/zh-CN/about";
    await handler.set(other, page(other, 10), pageSetCtx);
    expect(bytesUnder(path.join(serverDistDir, "route-cache"))).toBeGreaterThan(20 * 10 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await handler.revalidateTag(REPORT_DATA_TAG);
    expect(cacheIndexSize().entries).toBe(1);
    expect(bytesUnder(path.join(serverDistDir, "route-cache"))).toBeLessThan(12 * 1024);
    expect(existsSync(path.join(serverDistDir, `${key(1)}.html`))).toBe(false);
    expect(htmlOf(await handler.get(other, pageCtx))).toContain("about");
    // A read-at tag names a moment, not data: no entry is removed by one.
    await handler.revalidateTag(readAtTag(1));
    expect(cacheIndexSize().entries).toBe(1);
  });

  it("a handler Next constructs without a folder neither throws nor writes, and still removes what a publish expires", async () => {
    await handler.set(key(1), page(key(1), 1, [REPORT_DATA_TAG]), pageSetCtx);
    const bare = new ReadDatedFileSystemCache({
      fs: nodeFs,
      dev: false,
      revalidatedTags: [],
      _requestHeaders: {},
    } as never);
    await bare.set(key(2), page(key(2), 1), pageSetCtx);
    expect(cacheIndexSize().entries).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await bare.revalidateTag(REPORT_DATA_TAG); // the publish's server action
    expect(cacheIndexSize().entries).toBe(0);
    expect(existsSync(path.join(serverDistDir, `${key(1)}.html`))).toBe(false);
  });

  it("a new server process starts with empty cache folders (what an earlier one stored could not be expired)", async () => {
    const dist = path.join(mkdtempSync(path.join(root, "restart-")), "server");
    const leftover = path.join(dist, "route-cache", "APP_PAGE", "abc", "$", "zh-CN", "1901-01.html");
    const fetched = path.join(dist, "..", "cache", "fetch-cache", "0123abcd");
    mkdirSync(path.dirname(leftover), { recursive: true });
    mkdirSync(path.dirname(fetched), { recursive: true });
    writeFileSync(leftover, "old");
    writeFileSync(fetched, "{}");
    serverDistDir = dist;
    newHandler();
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(fetched)).toBe(false);
    // Only once per process: what this process stores afterwards stays.
    await handler.set(key(1), page(key(1), 1), pageSetCtx);
    serverDistDir = dist;
    const again = newHandler();
    await again.set(key(2), page(key(2), 1), pageSetCtx);
    newHandler();
    expect(existsSync(path.join(dist, `${key(2)}.html`))).toBe(true);
  });
});
