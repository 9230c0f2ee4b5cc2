// The shared cache handler: which tags expire what (pure), and a round trip through a real
// Redis when `redis-server` is installed (Debian's redis-server; the test starts its own on a
// free port and stops it; without the binary that suite shows as skipped).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAtTag } from "@/lib/cache/cache-tags";
import { freePort } from "@/scripts/process-utils";
import { incrementSharedCounter } from "./redis";
import { entryTags, isExpiredByTags, RedisCacheHandler } from "./redis-cache-handler";

type GetContext = Parameters<RedisCacheHandler["get"]>[1];
type SetData = Parameters<RedisCacheHandler["set"]>[1];
type SetContext = Parameters<RedisCacheHandler["set"]>[2];

// Next's kinds are const enums (strings at run time): the contexts as Next passes them.
const pageCtx = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false } as unknown as GetContext;
const fetchCtx = (tags: string[], softTags: string[] = []) =>
  ({ kind: "FETCH", tags, softTags, fetchIdx: 0, fetchUrl: "" }) as unknown as GetContext;

function pageValue(html: string, tags: string): SetData {
  return {
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from(`rsc:${html}`),
    headers: { "x-next-cache-tags": tags },
    postponed: undefined,
    status: 200,
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  } as unknown as SetData;
}
const pageSetCtx = {
  cacheControl: { revalidate: false, expire: undefined },
  isRoutePPREnabled: false,
  isFallback: false,
} as unknown as SetContext;

describe("tags", () => {
  it("an entry written before a tag expired is expired; one written after it is not", () => {
    const expired = { "report-data": "1000" };
    expect(isExpiredByTags(["report-data"], 999, expired, {}, 2000)).toBe(true);
    expect(isExpiredByTags(["report-data"], 1001, expired, {}, 2000)).toBe(false);
    expect(isExpiredByTags(["other"], 999, expired, {}, 2000)).toBe(false);
  });

  it("a future expiry (cacheLife profile) counts only once it has come; a stale mark at once", () => {
    expect(isExpiredByTags(["t"], 500, { t: "3000" }, {}, 2000)).toBe(false);
    expect(isExpiredByTags(["t"], 500, { t: "3000" }, {}, 3000)).toBe(true);
    expect(isExpiredByTags(["t"], 500, {}, { t: "1000" }, 2000)).toBe(true);
  });

  it("a page's tags come from its cache-tags header; a fetch's from the call and the entry", () => {
    const page = { lastModified: 1, value: pageValue("x", "_N_T_/layout,report-data") };
    expect(entryTags(page, pageCtx)).toEqual(["_N_T_/layout", "report-data"]);
    const fetched = {
      lastModified: 1,
      value: { kind: "FETCH", data: {}, revalidate: 0 } as unknown as SetData,
      tags: ["stored"],
    };
    expect(entryTags(fetched, fetchCtx(["report-data"], ["_N_T_/layout"]))).toEqual([
      "report-data",
      "_N_T_/layout",
      "stored",
    ]);
  });
});

const hasRedis = spawnSync("redis-server", ["--version"]).status === 0;

describe.skipIf(!hasRedis)("through a real Redis (redis-server)", () => {
  let redis: ChildProcess;
  let dir: string;
  let port: number;
  /** The entry keys in Redis now (the handler's prefix is read when it loads: "dash:" here). */
  const entryKeys = () =>
    spawnSync("redis-cli", ["-p", String(port), "--scan", "--pattern", "*entry:*"], { encoding: "utf8" })
      .stdout.split("\n")
      .filter(Boolean);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "cache-handler-"));
    port = await freePort();
    redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
      { stdio: "ignore" },
    );
    process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
    process.env.REDIS_KEY_PREFIX = "test:";
    for (let i = 0; i < 50; i++) {
      if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout?.trim() === "PONG") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(() => {
    redis?.kill("SIGKILL");
    delete process.env.REDIS_URL;
    rmSync(dir, { recursive: true, force: true });
  });

  it("a page round-trips whole (HTML, RSC bytes, segment map); expiring its tag on one handler hides it from another", async () => {
    const a = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    const b = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    await a.set("/page", pageValue("<p>v1</p>", "_N_T_/layout,report-data"), pageSetCtx);
    const got = await b.get("/page", pageCtx);
    const value = got?.value as unknown as { html: string; rscData: Buffer; segmentData: Map<string, Buffer> };
    expect(value.html).toBe("<p>v1</p>");
    expect(Buffer.isBuffer(value.rscData) && value.rscData.toString()).toBe("rsc:<p>v1</p>");
    expect(value.segmentData.get("/_tree")?.toString()).toBe("tree");
    expect(got?.cacheControl).toEqual({ revalidate: false, expire: undefined });

    await new Promise((resolve) => setTimeout(resolve, 2));
    await a.revalidateTag("report-data");
    expect(await b.get("/page", pageCtx)).toBeNull();
    // Rendered again after the publish: served again.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await b.set("/page", pageValue("<p>v2</p>", "_N_T_/layout,report-data"), pageSetCtx);
    expect(((await a.get("/page", pageCtx))!.value as unknown as { html: string }).html).toBe("<p>v2</p>");
    // revalidatePath("/", "layout") expires the implicit layout tag.
    await new Promise((resolve) => setTimeout(resolve, 2));
    await b.revalidateTag(["_N_T_/layout"]);
    expect(await a.get("/page", pageCtx)).toBeNull();
  });

  it("the stale-render race: a page whose reads began before a publish's expiry, stored after it, is expired", async () => {
    const a = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    const b = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    const tags = `_N_T_/layout,report-data,${readAtTag()}`; // the render's reads begin
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.revalidateTag("report-data"); // a publish, on another instance
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.set("/raced", pageValue("<p>old</p>", tags), pageSetCtx); // the render stores its page
    expect(await a.get("/raced", pageCtx)).toBeNull();
    // The re-render began after the publish: served.
    await a.set("/raced", pageValue("<p>new</p>", `_N_T_/layout,report-data,${readAtTag()}`), pageSetCtx);
    expect(((await b.get("/raced", pageCtx))!.value as unknown as { html: string }).html).toBe("<p>new</p>");
  });

  it("an unstable_cache entry expires with its tag", async () => {
    const handler = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    const data = {
      kind: "FETCH",
      data: { headers: {}, body: JSON.stringify([1, 2, 3]), status: 200, url: "" },
      revalidate: 31536000,
      tags: ["months"],
    } as unknown as SetData;
    await handler.set("k1", data, {
      fetchCache: true,
      tags: ["months"],
      fetchIdx: 0,
      fetchUrl: "",
    } as unknown as SetContext);
    const got = await handler.get("k1", fetchCtx(["months"]));
    expect((got!.value as unknown as { data: { body: string } }).data.body).toBe("[1,2,3]");
    await new Promise((resolve) => setTimeout(resolve, 2));
    await handler.revalidateTag("months");
    expect(await handler.get("k1", fetchCtx(["months"]))).toBeNull();
  });

  it("keeps at most PAGE_CACHE_MAX_ENTRIES entries, the least recently used deleted first (issue 19, item 1)", async () => {
    process.env.PAGE_CACHE_MAX_ENTRIES = "5";
    try {
      const handler = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
      await handler.revalidateTag("report-data"); // a clean start: what earlier tests stored goes
      for (const k of entryKeys()) spawnSync("redis-cli", ["-p", String(port), "del", k]);
      for (let n = 1; n <= 5; n++) await handler.set(`/bound/${n}`, pageValue(`p${n}`, "report-data"), pageSetCtx);
      await new Promise((resolve) => setTimeout(resolve, 2));
      expect(await handler.get("/bound/1", pageCtx)).not.toBeNull(); // used: /bound/2 is now the oldest
      for (let n = 6; n <= 60; n++) await handler.set(`/bound/${n}`, pageValue(`p${n}`, "report-data"), pageSetCtx);
      expect(entryKeys()).toHaveLength(5);
      expect(await handler.get("/bound/2", pageCtx)).toBeNull();
      expect(await handler.get("/bound/60", pageCtx)).not.toBeNull();
    } finally {
      delete process.env.PAGE_CACHE_MAX_ENTRIES;
    }
  });

  it("a publish deletes the entries it expired (keys gone), not only marks them", async () => {
    const handler = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    await handler.revalidateTag("report-data");
    for (let n = 1; n <= 20; n++)
      await handler.set(`/gone/${n}`, pageValue(`p${n}`, `_N_T_/layout,report-data,${readAtTag()}`), pageSetCtx);
    await handler.set("/kept", pageValue("kept", "_N_T_/about"), pageSetCtx);
    expect(entryKeys().filter((k) => k.includes("/gone/"))).toHaveLength(20);
    await new Promise((resolve) => setTimeout(resolve, 2));
    await handler.revalidateTag("report-data");
    expect(entryKeys().filter((k) => k.includes("/gone/"))).toEqual([]);
    expect(entryKeys().filter((k) => k.includes("/kept"))).toHaveLength(1);
    // Their place in the LRU and the tag sets went with them: nothing grows per read-at tag.
    const keys = spawnSync("redis-cli", ["-p", String(port), "--scan", "--pattern", "*tag:*"], { encoding: "utf8" })
      .stdout.split("\n")
      .filter(Boolean);
    expect(keys.filter((k) => k.includes("read-at:") || k.endsWith("tag:report-data"))).toEqual([]);
  });

  it("a shared counter (the gate's lookups per account and minute) counts across callers and is forgotten", async () => {
    const key = `lookups:test:${Date.now()}`;
    expect(await incrementSharedCounter(key, 120)).toBe(1);
    expect(await incrementSharedCounter(key, 120)).toBe(2);
    expect(await incrementSharedCounter(key, 5)).toBe(3); // the first count's expiry stays (NX)
    const ttl = Number(
      spawnSync("redis-cli", ["-p", String(port), "ttl", `dash:${key}`], { encoding: "utf8" }).stdout.trim(),
    );
    expect(ttl).toBeGreaterThan(100);
  });

  it("Redis gone: a read is a miss within about a second, a write is dropped, nothing throws", async () => {
    const handler = new RedisCacheHandler({ revalidatedTags: [], _requestHeaders: {} });
    redis.kill("SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    expect(await handler.get("/page", pageCtx)).toBeNull();
    await handler.set("/page", pageValue("x", "t"), pageSetCtx);
    await handler.revalidateTag("t");
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});
