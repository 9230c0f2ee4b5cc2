// Integration: the seed on a real, throwaway PostgreSQL database, read back
// through the same query the pages use, reproduces the bulletin exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { ANNEX_FIELDS, monthScopes } from "@/lib/indicators";
import { loadMonths } from "@/lib/month-versions/month-data";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma);
});
afterAll(() => db?.drop());

describe("seedDatabase", () => {
  it("creates 41 departments and 8 districts in the report's order", async () => {
    const units = await db.prisma.unit.findMany({ orderBy: [{ kind: "asc" }, { sortOrder: "asc" }] });
    expect(units.filter((u) => u.kind === "DEPARTMENT").map((u) => u.name)).toEqual(
      reference.annex1_departments.map((r) => r.name),
    );
    expect(units.filter((u) => u.kind === "DISTRICT").map((u) => u.name)).toEqual(
      reference.annex2_districts.map((r) => r.name.replace(/\s+/g, "")),
    );
  });

  it("stores 2021-06 as the real month and the 12 months before it as demo", async () => {
    const months = await db.prisma.reportMonth.findMany({
      orderBy: { month: "asc" },
      include: { currentVersion: true },
    });
    expect(months.map((m) => m.month)).toEqual([
      "2020-06",
      "2020-07",
      "2020-08",
      "2020-09",
      "2020-10",
      "2020-11",
      "2020-12",
      "2021-01",
      "2021-02",
      "2021-03",
      "2021-04",
      "2021-05",
      "2021-06",
    ]);
    expect(months.filter((m) => m.isDemo)).toHaveLength(12);
    const june = months.at(-1)!;
    expect(june.isDemo).toBe(false);
    expect(june.currentVersion?.origin).toBe("REFERENCE");
    expect(months.slice(0, 12).every((m) => m.currentVersion?.origin === "DEMO")).toBe(true);
  });

  it("reads back every annex cell of 2021-06 exactly as printed", async () => {
    const [june] = await loadMonths(db.prisma, ["2021-06"]);
    const rows = june!.rows;
    const expected = [...reference.annex1_departments, ...reference.annex2_districts];
    expect(rows).toHaveLength(49);
    rows.forEach((row, i) => {
      const want = expected[i]!;
      expect(row.unitName).toBe(want.name.replace(/\s+/g, ""));
      expect(row.seq).toBe(want.seq);
      for (const field of ANNEX_FIELDS)
        expect([row.unitName, field, row[field]]).toEqual([row.unitName, field, want[field]]);
    });
  });

  it("gives the bulletin's headline figures through the indicators", async () => {
    const [june] = await loadMonths(db.prisma, ["2021-06"]);
    const scopes = monthScopes(june!.rows, june!.summaries);
    expect(scopes.city.figures.applied.value).toBe(1_048_053);
    expect(scopes.city.figures.accepted.value).toBe(568_165);
    expect(scopes.city.figures.completed.value).toBe(535_548);
    expect(scopes.city.figures.onlineShare.value).toBe(32.01);
    expect(scopes.municipal.figures.onlineShare.value).toBe(40.92);
    expect(scopes.districts.figures.onlineShare.computed).toBe(31.6);
    expect(scopes.municipal.figures.applied).toMatchObject({ reported: 46_016, computed: 46_015, difference: 1 });
  });

  it("makes the demo 2021-05 carry what the bulletin says of it", async () => {
    const [may, june] = await loadMonths(db.prisma, ["2021-05", "2021-06"]);
    expect(may!.isDemo).toBe(true);
    expect(may!.summaries.CITY?.activeEvaluations).toBe(549_636);
    expect(may!.rows.reduce((sum, r) => sum + r.activeEvaluations, 0)).toBe(549_636);
    expect(may!.summaries.CITY?.activeEvaluationRate).toBe(129.03);
    expect(june!.summaries.CITY!.activeEvaluations! - may!.summaries.CITY!.activeEvaluations!).toBe(172_171);
  });

  it("is idempotent: a second run changes nothing", async () => {
    const before = await db.prisma.monthlyStat.count();
    const result = await seedDatabase(db.prisma);
    expect(result.seeded).toBe(false);
    expect(await db.prisma.monthlyStat.count()).toBe(before);
    expect(await db.prisma.monthVersion.count()).toBe(13);
  });
});
