// Integration (real PostgreSQL): a month with a case import and an uploaded annex, both made
// through the real pipelines (test/fixtures/reconciliation-month.ts); the reconciliation finds
// exactly the cells the annex was made to differ in, and the unit it left out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { getMessages } from "@/lib/i18n/messages";
import { reconciliationCsv } from "@/lib/month-versions/reconciliation/reconciliation-view";
import {
  DIFFERENCES,
  LEFT_OUT,
  type ReconciliationMonth,
  setUpReconciliationMonth,
} from "@/test/fixtures/reconciliation-month";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { loadMonthReconciliation, loadMonthSources, monthHasBothSources } from "./read-reconciliation";

// The case import needs a PostgreSQL server (COPY), as in lib/case-records/import/pipeline.test.ts.
const ON_EMBEDDED = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
const MONTH = "2020-11";
let db: TestDatabase;
let made: ReconciliationMonth;

beforeAll(async () => {
  if (ON_EMBEDDED) return;
  db = await createTestDatabase();
  await seedUnits(db.prisma);
  made = await setUpReconciliationMonth(db.prisma, db.url, MONTH);
});
afterAll(() => db?.drop());

describe.skipIf(ON_EMBEDDED)("reconciliation of a case import against an uploaded annex", () => {
  it("offers the month's versions of each kind", async () => {
    expect(made).toMatchObject({ casesVersion: 1, annexVersion: 2 });
    const sources = await loadMonthSources(db.prisma, MONTH);
    expect(sources.cases.map((v) => [v.number, v.origin])).toEqual([[1, "CASES"]]);
    expect(sources.annex.map((v) => [v.number, v.origin])).toEqual([[2, "UPLOAD"]]);
    expect(await monthHasBothSources(db.prisma, MONTH)).toBe(true);
    expect(await monthHasBothSources(db.prisma, "2020-10")).toBe(false);
    expect(await loadMonthReconciliation(db.prisma, "2020-10")).toBeNull();
  });

  it("finds exactly the cells made to differ, with both values, and the unit left out", async () => {
    const result = (await loadMonthReconciliation(db.prisma, MONTH))!;
    expect([result.cases.number, result.annex.number]).toEqual([1, 2]);
    const r = result.reconciliation;
    const differing = r.units.flatMap((u) =>
      u.cells
        .filter((c) => c.differs)
        .map((c) => ({ unitName: u.unitName, field: c.field, cases: c.cases, annex: c.annex })),
    );
    const casesValue = (unitName: string, field: string) =>
      made.casesRows.find((row) => row.unitName === unitName)![field as "applied"];
    expect(differing).toEqual(
      DIFFERENCES.map((d) => ({
        unitName: d.unitName,
        field: d.field,
        cases: casesValue(d.unitName, d.field),
        annex: d.annex(casesValue(d.unitName, d.field)),
      })),
    );
    // The figures themselves, from the hand-written records: 市公安局 has 4 applications in the month.
    expect(differing[0]).toEqual({ unitName: "市公安局", field: "applied", cases: 4, annex: 11 });
    expect(r.summary).toEqual({ unitsCompared: 48, unitsDiffering: 2, cellsCompared: 48 * 19, cellsDiffering: 2 });
    expect(r.onlyInCases.map((u) => u.unitName)).toEqual([LEFT_OUT]);
    expect(r.onlyInAnnex).toEqual([]);
  });

  it("compares other versions when asked, and falls back to the newest of each kind", async () => {
    // Version 2 is no case version: the newest case version is taken.
    const result = (await loadMonthReconciliation(db.prisma, MONTH, { cases: 2, annex: 2 }))!;
    expect([result.cases.number, result.annex.number]).toEqual([1, 2]);
  });

  it("exports the differing cells as CSV, figures as numbers", async () => {
    const result = (await loadMonthReconciliation(db.prisma, MONTH))!;
    const lines = reconciliationCsv(result.reconciliation, getMessages(), { all: false })
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "序号,单位,类别,指标,办件明细,上传附件,差异（明细 − 附件）,办件明细（分子/分母）,上传附件（分子/分母）,比较方式,结果",
    );
    expect(lines[1]).toMatch(/^\d+,市公安局,市级部门,申请件,4,11,-7,,,件数逐一,不一致$/);
    expect(lines[2]).toMatch(/^\d+,宣汉县,县（市、区）,[^,]+,[\d.]+,[\d.]+,-?9\.5,,,按打印精度,不一致$/);
    expect(lines.at(-1)).toContain("万源市");
    expect(reconciliationCsv(result.reconciliation, getMessages(), { all: true }).trim().split("\r\n")).toHaveLength(
      1 + 48 * 19 + 1,
    );
  });
});
