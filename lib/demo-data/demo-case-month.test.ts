// Integration: the seed's demo month of case records (demo-case-month.ts) on a throwaway
// database, after the seed's months: one published case import of 2020-03 marked demo, reachable
// from every unit down to an overdue case through the drill-down's reads, an annex of the same
// month that the reconciliation tells apart in exactly the seed's cells, and nothing of the
// reference month moved. Run twice, it adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CaseImportRef,
  loadCurrentCaseImport,
  loadItemCases,
  loadOverdueCases,
  loadUnitItems,
} from "@/lib/case-records/drill-down/case-drill-down";
import { ANNEX_FIELDS } from "@/lib/indicators";
import { loadMonths } from "@/lib/month-versions/month-data";
import { loadMonthReconciliation } from "@/lib/month-versions/reconciliation/read-reconciliation";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { DEMO_ANNEX_DIFFERENCES, DEMO_CASE_MONTH, DEMO_FILE_PREFIX, seedDemoCaseMonth } from "./demo-case-month";
import { seedDatabase } from "./seed-database";

/** What the deterministic generator gives for 2020-03 (demoCaseUnits, seed 20200331). */
const CASES = 4187;

let db: TestDatabase;
let ref: CaseImportRef;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoUsers: false });
  const result = await seedDemoCaseMonth(db.prisma, db.url);
  expect(result).toMatchObject({ seeded: true, month: DEMO_CASE_MONTH, cases: CASES });
  ref = (await loadCurrentCaseImport(db.prisma, DEMO_CASE_MONTH))!;
}, 300_000);
afterAll(() => db?.drop());

describe("the seed's demo month of case records", () => {
  it("is 2020-03, outside the reference month's 13 months, published from case records and marked demo", async () => {
    expect(DEMO_CASE_MONTH < "2020-06").toBe(true);
    const month = await db.prisma.reportMonth.findUniqueOrThrow({
      where: { month: DEMO_CASE_MONTH },
      include: { currentVersion: true, versions: { orderBy: { number: "asc" } } },
    });
    expect(month.isDemo).toBe(true);
    expect(month.versions.map((v) => v.origin)).toEqual(["UPLOAD", "CASES"]);
    expect(month.currentVersion?.origin).toBe("CASES");
    expect(month.currentVersion?.note).toContain("示例数据");
    const imports = await db.prisma.caseImport.findMany();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({
      id: ref.importId,
      month: DEMO_CASE_MONTH,
      status: "PUBLISHED",
      caseCount: CASES,
      versionId: month.currentVersionId,
    });
    for (const name of imports[0]!.fileNames.split(" + ")) expect(name.startsWith(DEMO_FILE_PREFIX)).toBe(true);
    const upload = await db.prisma.upload.findFirstOrThrow({ where: { month: DEMO_CASE_MONTH } });
    expect(upload.fileName.startsWith(DEMO_FILE_PREFIX)).toBe(true);
    // The pages read the month as demo data (the badge), with its figures from the records.
    const [data] = await loadMonths(db.prisma, [DEMO_CASE_MONTH]);
    expect(data!.isDemo).toBe(true);
    expect(data!.rows).toHaveLength(49);
    expect(data!.rows.reduce((n, r) => n + r.applied, 0)).toBe(CASES);
  });

  it("gives every unit items and cases, and leads from a unit to its item to an overdue case", async () => {
    const units = await db.prisma.unit.findMany({ orderBy: { id: "asc" } });
    let unitsWithOverdue = 0;
    for (const unit of units) {
      const { items } = await loadUnitItems(db.prisma, ref, unit.id);
      expect(items.length, unit.name).toBeGreaterThan(0);
      expect(
        items.some((i) => i.hasCases),
        unit.name,
      ).toBe(true);
      const overdueItem = items.find((i) => i.overdueCompleted > 0);
      if (!overdueItem) continue;
      unitsWithOverdue++;
      const { cases } = await loadItemCases(db.prisma, {
        ref,
        unitId: unit.id,
        itemCode: overdueItem.itemCode,
        page: 1,
      });
      expect(cases[0]!.daysOver, `${unit.name} ${overdueItem.itemCode}`).toBeGreaterThan(0);
    }
    // Every district and most departments.
    expect(unitsWithOverdue).toBeGreaterThanOrEqual(30);
    const overdue = await loadOverdueCases(db.prisma, ref, 20);
    expect(overdue.total).toBeGreaterThanOrEqual(unitsWithOverdue);
    expect(overdue.cases[0]!.daysOver).toBeGreaterThan(0);
    expect(overdue.cases[0]!.segment).not.toBeNull();
  });

  it("has an annex of the same month that the reconciliation tells apart in exactly the seed's cells", async () => {
    const result = await loadMonthReconciliation(db.prisma, DEMO_CASE_MONTH);
    expect(result).not.toBeNull();
    const { reconciliation } = result!;
    expect(reconciliation.onlyInCases).toEqual([]);
    expect(reconciliation.onlyInAnnex).toEqual([]);
    const differing = reconciliation.units.flatMap((u) =>
      u.cells.filter((c) => c.differs).map((c) => [u.unitCode, c.field]),
    );
    expect(differing.sort()).toEqual(DEMO_ANNEX_DIFFERENCES.map((d) => [d.unitCode, d.field]).sort());
  });

  it("leaves the reference month as printed", async () => {
    const [june] = await loadMonths(db.prisma, ["2021-06"]);
    const expected = [...reference.annex1_departments, ...reference.annex2_districts];
    june!.rows.forEach((row, i) => {
      for (const field of ANNEX_FIELDS)
        expect([row.unitName, field, row[field]]).toEqual([row.unitName, field, expected[i]![field]]);
    });
  });

  it("is added once: a second seed changes nothing", async () => {
    const before = {
      imports: await db.prisma.caseImport.count(),
      uploads: await db.prisma.upload.count(),
      versions: await db.prisma.monthVersion.count(),
    };
    expect((await seedDatabase(db.prisma, { demoUsers: false })).seeded).toBe(false);
    expect((await seedDemoCaseMonth(db.prisma, db.url)).seeded).toBe(false);
    expect({
      imports: await db.prisma.caseImport.count(),
      uploads: await db.prisma.upload.count(),
      versions: await db.prisma.monthVersion.count(),
    }).toEqual(before);
  });
});

describe("a database someone already published to", () => {
  it("gets no demo case month", async () => {
    const other = await createTestDatabase();
    try {
      await seedDatabase(other.prisma, { demoMonths: 0, demoUsers: false });
      // A published month that is not the seed's (an upload, an import or a rollback): the demo stays out.
      const v = await other.prisma.monthVersion.findFirstOrThrow();
      await other.prisma.monthVersion.create({
        data: { month: v.month, number: 2, origin: "UPLOAD", note: "an admin's upload" },
      });
      expect(await seedDemoCaseMonth(other.prisma, other.url)).toMatchObject({ seeded: false });
      expect(await other.prisma.reportMonth.findUnique({ where: { month: DEMO_CASE_MONTH } })).toBeNull();
    } finally {
      await other.drop();
    }
  });
});
