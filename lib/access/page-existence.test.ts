// The gate's existence check (issue 19, items 1 and 3) on a real PostgreSQL with the case fixture
// month (2020-05: d08 has items P01, P_9, P02, P03; P01 has 3 cases, one page): a month, unit,
// item or page number that does not exist is "notFound" before anything is rendered; 2,000
// never-seen item URLs cost the database a handful of reads (the memo); a publish makes it read
// again; and one account past PAGE_LOOKUPS_PER_MINUTE lookups a minute is refused, audited once.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bumpDataGeneration } from "@/lib/cache/data-generation";
import { loadItemPageCount, loadUnitItemSegments } from "@/lib/case-records/server";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { FIXTURE_MONTH, importCaseMonth } from "@/test/fixtures/case-month";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import {
  forgetLookups,
  LAYOUT_NOT_FOUND_PER_MINUTE,
  LOOKUP_WINDOW_MS,
  mayDrawNotFound,
  takeLookup,
} from "./lookup-limit";
import { createPageExistence, type PageExistence, pageFacts } from "./page-existence";

const ON_EMBEDDED = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
const M = FIXTURE_MONTH;

describe("the facts a page path depends on", () => {
  it("names the month, unit, item and page of the rendered-on-first-visit pages, and nothing else", () => {
    expect(pageFacts(`/${M}`)).toEqual({ month: M });
    expect(pageFacts(`/${M}/timeliness`)).toEqual({ month: M });
    expect(pageFacts(`/reports/${M}`)).toEqual({ month: M });
    expect(pageFacts(`/reports/${M}/editions/2`)).toEqual({ month: M });
    expect(pageFacts(`/${M}/units/d08`)).toEqual({ month: M, unit: "d08" });
    expect(pageFacts(`/${M}/units/d08/items`)).toEqual({ month: M, unit: "d08" });
    expect(pageFacts(`/${M}/units/d08/items/P01`)).toEqual({ month: M, unit: "d08", item: "P01" });
    expect(pageFacts(`/${M}/units/d08/items/P01/7`)).toEqual({ month: M, unit: "d08", item: "P01", page: 7 });
    for (const other of ["/", "/about", "/reports", "/admin/months/2020-05", "/signin", "/api/units/search"])
      expect(pageFacts(other)).toBeNull();
  });
});

describe.skipIf(ON_EMBEDDED)("on the fixture month", () => {
  let db: TestDatabase;
  let existence: PageExistence;
  let lookups = 0;
  const count = async () => {
    lookups += 1;
    return true;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    await seedUnits(db.prisma);
    await importCaseMonth(db.prisma, db.url);
    existence = createPageExistence({ read: (run) => run(db.prisma) });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reads the items of a unit and an item's pages from the capability's reads", async () => {
    expect([...((await loadUnitItemSegments(db.prisma, M, "d08")) ?? [])].sort()).toEqual(["P01", "P02", "P03", "P_9"]);
    expect(await loadUnitItemSegments(db.prisma, "2021-06", "d08")).toBeNull(); // no case import
    expect(await loadItemPageCount(db.prisma, M, "d08", "P01")).toBe(1);
    expect(await loadItemPageCount(db.prisma, M, "d08", "_")).toBe(0);
  });

  it("real pages exist; months, units, items and page numbers that do not are notFound", async () => {
    const answers = async (paths: string[]) =>
      Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await existence.check(p, count)])));
    const real = [
      `/${M}`,
      `/${M}/municipal`,
      `/reports/${M}`,
      `/${M}/units/d08`,
      `/${M}/units/x04`,
      `/${M}/units/d08/items`,
      `/${M}/units/d08/items/P01`,
      `/${M}/units/d08/items/P_9`,
      "/about",
    ];
    expect(Object.values(await answers(real))).toEqual(real.map(() => "exists"));
    const unreal = [
      "/1901-01",
      "/2020-13",
      "/1901-01/timeliness",
      "/1901-01/units/d08",
      "/1901-01/units/d08/items",
      `/1901-01/units/d08/items/P01`,
      "/reports/1901-01",
      "/reports/1901-01/editions/1",
      `/${M}/units/z999`,
      `/${M}/units/z999/items`,
      `/${M}/units/d08/items/${randomBytes(32).toString("hex")}`,
      `/${M}/units/d08/items/${randomBytes(32).toString("hex")}/2`,
      `/${M}/units/d08/items/M01`, // 市民政局's item, not 市公安局's
      `/${M}/units/d08/items/P01/1`, // page 1 is the item's own URL
      `/${M}/units/d08/items/P01/2`, // P01 has one page
      `/${M}/units/d08/items/P01/999999`,
      `/2021-06/units/d08/items/P01`, // a month without case records (not published here either)
    ];
    expect(await answers(unreal)).toEqual(Object.fromEntries(unreal.map((p) => [p, "notFound"])));
  });

  it("2,000 never-seen item URLs cost the database a handful of reads, not 2,000", async () => {
    existence.forget();
    lookups = 0;
    const paths = Array.from({ length: 2_000 }, (_, i) =>
      i % 2 === 0
        ? `/${M}/units/d08/items/${randomBytes(32).toString("hex")}`
        : `/${M}/units/d08/items/P01/${2 + i * 97}`,
    );
    const results = await Promise.all(paths.map((p) => existence.check(p, count)));
    expect(new Set(results)).toEqual(new Set(["notFound"]));
    expect(lookups).toBe(2); // d08's items, P01's pages (the months and units are not counted)
    expect(existence.size()).toBeLessThanOrEqual(4);
  });

  it("a publish in this process (the data generation moves) makes it read again, both ways", async () => {
    const month = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: M } });
    expect(await existence.check(`/${M}`, count)).toBe("exists");
    await db.prisma.reportMonth.update({ where: { month: M }, data: { currentVersionId: null } });
    try {
      expect(await existence.check(`/${M}`, count)).toBe("exists"); // remembered
      bumpDataGeneration();
      expect(await existence.check(`/${M}`, count)).toBe("notFound");
    } finally {
      await db.prisma.reportMonth.update({ where: { month: M }, data: { currentVersionId: month.currentVersionId } });
    }
    bumpDataGeneration();
    expect(await existence.check(`/${M}`, count)).toBe("exists");
  });

  it("remembers a fact for its TTL only, and holds at most maxEntries facts", async () => {
    let now = 1_000_000;
    let reads = 0;
    const small = createPageExistence({
      read: (run) => {
        reads += 1;
        return run(db.prisma);
      },
      ttlMs: 10_000,
      maxEntries: 2,
      now: () => now,
      generation: () => 0,
    });
    await small.check(`/${M}/units/d08/items/P01`, count);
    expect(reads).toBe(3); // months, units, items
    expect(small.size()).toBe(2);
    now += 5_000;
    await small.check(`/${M}`, count); // months were the oldest: dropped for the bound
    expect(reads).toBe(4);
    await small.check(`/${M}`, count); // remembered
    expect(reads).toBe(4);
    now += 20_000;
    await small.check(`/${M}`, count); // past the TTL
    expect(reads).toBe(5);
  });

  it("says 'limited' when the account may make no more lookups", async () => {
    const fresh = createPageExistence({ read: (run) => run(db.prisma) });
    expect(await fresh.check(`/${M}/units/d08/items/P01`, async () => false)).toBe("limited");
    // The months and the unit codes are everyone's facts, not counted: their pages still open.
    expect(await fresh.check(`/${M}/units/d08`, async () => false)).toBe("exists");
    expect(await fresh.check("/1901-01", async () => false)).toBe("notFound");
    expect(await fresh.check("/about", async () => false)).toBe("exists"); // nothing to look up
  });

  it("PAGE_LOOKUPS_PER_MINUTE lookups a minute per account, then 429 until the minute ends, audited once", async () => {
    const user = await db.prisma.user.create({
      data: { username: "lookup-test", displayName: "测试", passwordHash: "x", role: "DEPARTMENT" },
    });
    const other = await db.prisma.user.create({
      data: { username: "lookup-other", displayName: "测试2", passwordHash: "x", role: "DEPARTMENT" },
    });
    process.env.PAGE_LOOKUPS_PER_MINUTE = "3";
    forgetLookups();
    try {
      const start = Math.floor(Date.now() / LOOKUP_WINDOW_MS) * LOOKUP_WINDOW_MS + 10_000;
      const decisions = [];
      for (let i = 0; i < 10; i++) decisions.push(await takeLookup(user.id, start + i));
      expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
      expect(decisions.slice(3)).toEqual(Array(7).fill({ allowed: false, retryAfterSeconds: 50 }));
      expect(await takeLookup(other.id, start)).toEqual({ allowed: true }); // per account
      expect(await takeLookup(user.id, start + LOOKUP_WINDOW_MS)).toEqual({ allowed: true }); // the next minute
      const events = await db.prisma.auditEvent.findMany({ where: { action: "page.lookupsLimited" } });
      expect(events.map((e) => [e.actorId, e.details])).toEqual([[user.id, { count: 3, windowSeconds: 60 }]]);
    } finally {
      delete process.env.PAGE_LOOKUPS_PER_MINUTE;
      forgetLookups();
    }
  });

  it("draws at most LAYOUT_NOT_FOUND_PER_MINUTE not-found pages a minute per account in the layout, then the plain one", () => {
    forgetLookups();
    const start = Math.floor(Date.now() / LOOKUP_WINDOW_MS) * LOOKUP_WINDOW_MS;
    const drawn = Array.from({ length: 100 }, (_, i) => mayDrawNotFound(7, start + i)).filter(Boolean).length;
    expect(drawn).toBe(LAYOUT_NOT_FOUND_PER_MINUTE);
    expect(mayDrawNotFound(8, start)).toBe(true);
    expect(mayDrawNotFound(7, start + LOOKUP_WINDOW_MS)).toBe(true);
    forgetLookups();
  });
});
