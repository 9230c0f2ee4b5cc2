// The drill-down reads on a real PostgreSQL, on the fixture month imported through the real
// pipeline (test/fixtures/case-month.ts): figures, order, pagination, a unit's items only, and
// the plans (one leaf partition, through its index; evaluations per item from their rollup).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { FIXTURE, FIXTURE_MONTH, importCaseMonth } from "@/test/fixtures/case-month";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import {
  type CaseImportRef,
  itemCodeFromSegment,
  itemSegment,
  loadCurrentCaseImport,
  loadItemCases,
  loadOverdueCases,
  loadUnitItems,
} from "./case-drill-down";

const ON_EMBEDDED = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);

describe("item codes in URLs", () => {
  it("keeps plain codes and encodes the others, one segment per code", () => {
    expect(itemSegment("11511700MB1234567X4000117001000")).toBe("11511700MB1234567X4000117001000");
    expect(itemSegment("P_9")).toBe("P_9");
    const odd = ["_P9", "事项 1", "A/B", "A.B", "a%2Fb", ".."];
    for (const code of odd) {
      const segment = itemSegment(code)!;
      expect(segment).toMatch(/^_[0-9A-Za-z_-]{1,63}$/);
      expect(itemCodeFromSegment(segment)).toBe(code);
    }
    expect(itemSegment("长".repeat(40))).toBeNull();
    expect(itemSegment("x".repeat(65))).toBeNull();
    // Not a canonical encoding, not a segment at all.
    expect(itemCodeFromSegment("_")).toBeNull();
    expect(itemCodeFromSegment("_QQ==")).toBeNull();
    expect(itemCodeFromSegment("a.b")).toBeNull();
    expect(itemCodeFromSegment("x".repeat(65))).toBeNull();
  });
});

describe.skipIf(ON_EMBEDDED)("drill-down reads on the fixture month", () => {
  let db: TestDatabase;
  let ref: CaseImportRef;
  const unitId = {} as Record<"police" | "civil" | "xuanhan", number>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedUnits(db.prisma);
    for (const key of ["police", "civil", "xuanhan"] as const) {
      unitId[key] = (await db.prisma.unit.findUniqueOrThrow({ where: { code: FIXTURE[key].code } })).id;
    }
    const importId = await importCaseMonth(db.prisma, db.url);
    ref = { importId, month: FIXTURE_MONTH };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("finds the import behind the month's current version, and none for a month without case records", async () => {
    expect(await loadCurrentCaseImport(db.prisma, FIXTURE_MONTH)).toEqual(ref);
    expect(await loadCurrentCaseImport(db.prisma, "2021-06")).toBeNull();
  });

  it("lists a unit's items, most overdue first, with catalogue items without cases and evaluations per item", async () => {
    const { items, unmatchedEvaluations } = await loadUnitItems(db.prisma, ref, unitId.police);
    expect(items.map((i) => i.itemCode)).toEqual(FIXTURE.policeItems);
    const p01 = items[0]!;
    expect(p01).toMatchObject({
      applied: 3,
      accepted: 3,
      completed: 3,
      overdueCompleted: 2,
      promisedCompleted: 3,
      hasCases: true,
      inCatalogue: true,
    });
    expect(p01.earlyCompletionRate).toBe(33.33);
    expect(p01).toMatchObject({ evaluations: 3, activeEvaluations: 2, satisfactionRate: 66.67 });
    const p03 = items.find((i) => i.itemCode === "P03")!;
    expect(p03).toMatchObject({ hasCases: false, completed: 0, evaluations: 0, satisfactionRate: null, inUse: true });
    // Batch cases are out of every case count (PG5).
    expect(items.find((i) => i.itemCode === "P02")).toMatchObject({ completed: 1, hasCases: true });
    expect(items.find((i) => i.itemCode === "P_9")).toMatchObject({ inCatalogue: false, segment: "P_9" });
    expect(unmatchedEvaluations).toEqual({ evaluations: 1, activeEvaluations: 1, satisfiedEvaluations: 1 });
    // Another unit's items are not among them.
    const civil = await loadUnitItems(db.prisma, ref, unitId.civil);
    expect(civil.items.map((i) => i.itemCode)).toEqual([FIXTURE.civilItem]);
  });

  it("lists an item's cases overdue first, paginated, with the count", async () => {
    const all = await loadItemCases(db.prisma, { ref, unitId: unitId.police, itemCode: "P01", page: 1 });
    expect(all.total).toBe(3);
    expect(all.cases.map((c) => [c.caseNo, c.elapsedDays, c.daysOver])).toEqual(FIXTURE.p01Cases);
    expect(all.cases[0]).toMatchObject({
      limitDays: 5,
      caseKind: "PROMISED",
      acceptedAt: `${FIXTURE_MONTH}-06 09:00:00`,
    });
    const page2 = await loadItemCases(db.prisma, { ref, unitId: unitId.police, itemCode: "P01", page: 2, pageSize: 2 });
    expect(page2).toMatchObject({ total: 3, cases: [{ caseNo: FIXTURE.p01Cases[2]![0] }] });
    // The unit's id bounds the read: another unit's item under this unit is empty.
    expect(
      await loadItemCases(db.prisma, { ref, unitId: unitId.police, itemCode: FIXTURE.civilItem, page: 1 }),
    ).toEqual({ cases: [], total: 0 });
    // A batch case is never overdue; an open case has no elapsed days.
    const p02 = await loadItemCases(db.prisma, { ref, unitId: unitId.police, itemCode: "P02", page: 1 });
    expect(p02.cases.map((c) => [c.caseNo, c.isBatch, c.daysOver])).toEqual([
      ["PG4", false, 0],
      ["PG5", true, 0],
    ]);
    const x01 = await loadItemCases(db.prisma, { ref, unitId: unitId.xuanhan, itemCode: "X01", page: 1 });
    expect(x01.cases.find((c) => c.caseNo === "XH2")).toMatchObject({
      completedAt: null,
      elapsedDays: null,
      daysOver: 0,
    });
  });

  it("names the month's overdue cases, most days over first, with unit and item", async () => {
    const { cases, total } = await loadOverdueCases(db.prisma, ref, 20);
    expect(total).toBe(FIXTURE.overdue.length);
    expect(cases.map((c) => [c.caseNo, c.unitCode, c.daysOver])).toEqual(FIXTURE.overdue);
    expect(cases[0]).toMatchObject({ unitName: "市公安局", itemName: "户籍迁移", segment: "P01" });
    const top1 = await loadOverdueCases(db.prisma, ref, 1);
    expect(top1.total).toBe(FIXTURE.overdue.length);
    expect(top1.cases).toHaveLength(1);
    // The overdue count agrees with the published figures (MonthlyStat, from the rollups).
    const stats = await db.prisma.monthlyStat.aggregate({
      where: { month: FIXTURE_MONTH },
      _sum: { overdueCompleted: true },
    });
    expect(stats._sum.overdueCompleted).toBe(FIXTURE.overdue.length);
  });

  it("reads one leaf partition through its index (plans with sequential scans off)", async (ctx) => {
    // Plans are the production server's (PostgreSQL); the embedded PGlite plans this tiny fixture its own way.
    if (db.kind === "pglite") ctx.skip();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query("SET enable_seqscan = off");
      const month = `${FIXTURE_MONTH}-01`;
      const plan = async (sql: string, params: unknown[]) =>
        JSON.stringify((await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows[0]["QUERY PLAN"]);
      const cases = await plan(
        `SELECT "caseNo" FROM "Case" WHERE "month" = $1::date AND "importId" = $2 AND "unitId" = $3 AND "itemCode" = $4 ORDER BY "caseNo" LIMIT 50`,
        [month, ref.importId, unitId.police, "P01"],
      );
      expect(cases).toContain(`Case_import_${ref.importId}_item_idx`);
      expect(cases).not.toContain("Seq Scan");
      // Only this import's leaf, no other month's or import's partition.
      const leaves = [...cases.matchAll(/"Relation Name":"([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(leaves)).toEqual(new Set([`Case_import_${ref.importId}`]));
      // Evaluations per item: the rollup built at import, by its primary key (no Evaluation or Case leaf).
      const evaluations = await plan(
        `SELECT "itemCode", "evaluations" FROM "CaseItemEvaluationRollup" WHERE "importId" = $1 AND "unitId" = $2`,
        [ref.importId, unitId.police],
      );
      expect(evaluations).toContain("CaseItemEvaluationRollup_pkey");
      expect(evaluations).not.toContain("Seq Scan");
    } finally {
      await client.end();
    }
  });
});
