// The stale-render race, reproduced deterministically against Next's own file-system cache:
// a render reads the figures, a publish expires the report-data tag, then the render stores
// its page. Next's FileSystemCache keeps that page and serves it (the old figures) until the
// next publish; the read-dated handler does not store it, so the next request renders anew.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CacheHandler } from "next/dist/server/lib/incremental-cache";
import type NextFileSystemCache from "next/dist/server/lib/incremental-cache/file-system-cache";
import { afterAll, describe, expect, it } from "vitest";
import { READ_AT_TAG_PREFIX, REPORT_DATA_TAG, readAtTag } from "@/lib/cache/cache-tags";
import * as handlerModule from "./read-dated-file-system-cache.mjs";
import { datedByOldestRead, tagsOfWrite } from "./read-dated-tags";

const { expiredSince, ReadDatedFileSystemCache } = handlerModule;
const require = createRequire(import.meta.url);
const FileSystemCache = (
  require("next/dist/server/lib/incremental-cache/file-system-cache.js") as { default: typeof NextFileSystemCache }
).default;
const { nodeFs } = require("next/dist/server/lib/node-fs-methods.js") as { nodeFs: unknown };

type GetContext = Parameters<CacheHandler["get"]>[1];
type SetData = Parameters<CacheHandler["set"]>[1];
type SetContext = Parameters<CacheHandler["set"]>[2];

const dir = mkdtempSync(path.join(tmpdir(), "read-dated-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const handlerContext = {
  fs: nodeFs,
  serverDistDir: dir,
  flushToDisk: false,
  dev: false,
  revalidatedTags: [],
  maxMemoryCacheSize: 10 * 1024 * 1024,
  _requestHeaders: {},
};

const pageCtx = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false } as unknown as GetContext;
const pageSetCtx = {
  cacheControl: { revalidate: false, expire: undefined },
  isRoutePPREnabled: false,
  isFallback: false,
} as unknown as SetContext;
function page(html: string, tags: string[]): SetData {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`rsc:${html}`),
    headers: { "x-next-cache-tags": tags.join(",") },
    postponed: undefined,
    status: 200,
    segmentData: new Map(),
  } as unknown as SetData;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const htmlOf = (entry: Awaited<ReturnType<CacheHandler["get"]>>) =>
  (entry?.value as { html?: string } | null | undefined)?.html ?? null;

/** A render that reads, a publish that expires the tag during it, then the render's store. */
async function raceOn(handler: CacheHandler, key: string): Promise<string | null> {
  const tags = ["_N_T_/layout", `_N_T_${key}`, REPORT_DATA_TAG, readAtTag()]; // the render's reads begin
  await sleep(5);
  await handler.revalidateTag(REPORT_DATA_TAG); // the publish commits and expires (updateTag)
  await sleep(5);
  await handler.set(key, page("old figures", tags), pageSetCtx); // the render stores its page
  return htmlOf(await handler.get(key, pageCtx)); // the next request
}

describe("the stale-render race", () => {
  it("Next's own file-system cache serves the page a render began before the publish (the race)", async () => {
    const plain = new FileSystemCache(
      handlerContext as unknown as ConstructorParameters<typeof NextFileSystemCache>[0],
    );
    expect(await raceOn(plain, "/race-plain")).toBe("old figures");
  });

  it("the read-dated cache does not keep it: the next request renders the new figures", async () => {
    const handler = new ReadDatedFileSystemCache(handlerContext as never);
    expect(await raceOn(handler, "/race-dated")).toBeNull();
    // The re-render began after the publish: stored and served.
    await handler.set("/race-dated", page("new figures", [REPORT_DATA_TAG, readAtTag()]), pageSetCtx);
    expect(htmlOf(await handler.get("/race-dated", pageCtx))).toBe("new figures");
  });

  it("a render that stores before the publish is expired by it, as before", async () => {
    const handler = new ReadDatedFileSystemCache(handlerContext as never);
    await handler.set("/before", page("old figures", [REPORT_DATA_TAG, readAtTag()]), pageSetCtx);
    expect(htmlOf(await handler.get("/before", pageCtx))).toBe("old figures");
    await sleep(5);
    await handler.revalidateTag(REPORT_DATA_TAG);
    expect(await handler.get("/before", pageCtx)).toBeNull();
  });

  it("a cached read (unstable_cache) that began before the publish is not kept either", async () => {
    const handler = new ReadDatedFileSystemCache(handlerContext as never);
    const tags = [REPORT_DATA_TAG, readAtTag()];
    await sleep(5);
    await handler.revalidateTag(REPORT_DATA_TAG);
    const fetchSetCtx = { fetchCache: true, tags, fetchIdx: 0, fetchUrl: "" } as unknown as SetContext;
    await handler.set(
      "read-key",
      {
        kind: "FETCH",
        data: { headers: {}, body: '"old"', status: 200, url: "" },
        revalidate: false,
      } as unknown as SetData,
      fetchSetCtx,
    );
    const got = await handler.get("read-key", {
      kind: "FETCH",
      tags,
      softTags: [],
      fetchIdx: 0,
      fetchUrl: "",
    } as unknown as GetContext);
    expect(got).toBeNull();
  });
});

describe("dating an entry", () => {
  it("the handler (plain JavaScript) reads the same tag the queries write", () => {
    expect(handlerModule.READ_AT_TAG_PREFIX).toBe(READ_AT_TAG_PREFIX);
    expect(handlerModule.oldestReadAt([REPORT_DATA_TAG, readAtTag(1500), readAtTag(2000)])).toBe(1500);
    expect(handlerModule.tagsOfWrite(page("x", ["a", "b"]), pageSetCtx)).toEqual(["a", "b"]);
  });

  it("by the oldest read-at tag, else by now", () => {
    expect(datedByOldestRead(["report-data", "read-at:2000", "read-at:1500"], 9000)).toBe(1500);
    expect(datedByOldestRead(["report-data"], 9000)).toBe(9000);
    expect(datedByOldestRead(["read-at:99999"], 9000)).toBe(9000);
  });

  it("takes a page's tags from its header and a read's from the call", () => {
    expect(tagsOfWrite(page("x", ["a", "b"]), pageSetCtx)).toEqual(["a", "b"]);
    expect(
      tagsOfWrite({ kind: "FETCH" } as unknown as SetData, { fetchCache: true, tags: ["c"] } as unknown as SetContext),
    ).toEqual(["c"]);
  });

  it("expiredSince compares with the expiries seen", () => {
    const known = new Map([["report-data", 1000]]);
    expect(expiredSince(["report-data"], 999, known)).toBe(true);
    expect(expiredSince(["report-data"], 1000, known)).toBe(true);
    expect(expiredSince(["report-data"], 1001, known)).toBe(false);
    expect(expiredSince(["other"], 0, known)).toBe(false);
  });
});
