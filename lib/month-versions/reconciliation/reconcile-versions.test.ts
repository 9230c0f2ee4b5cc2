import { describe, expect, it } from "vitest";
import { type ReferenceMonthJson, referenceMonthFromJson } from "@/lib/indicators/reference-fixture";
import type { StatRow } from "@/lib/indicators/types";
import reference from "@/prisma/reference/2021-06.json";
import { compareCell, reconcileVersions, reconciliationRows } from "./reconcile-versions";

const month = referenceMonthFromJson(reference as unknown as ReferenceMonthJson);
const copy = (rows: StatRow[]) => rows.map((r) => ({ ...r }));
const gaj = (rows: StatRow[]) => rows.find((r) => r.unitName === "市公安局")!;

describe("reconcileVersions", () => {
  it("finds nothing when the two sources agree, and counts every cell compared", () => {
    const result = reconcileVersions({ rows: month.rows }, { rows: copy(month.rows) });
    expect(result.summary).toEqual({ unitsCompared: 49, unitsDiffering: 0, cellsCompared: 49 * 19, cellsDiffering: 0 });
    expect(result.onlyInAnnex).toEqual([]);
    expect(result.onlyInCases).toEqual([]);
    expect(reconciliationRows(result, { all: false })).toEqual([]);
    expect(reconciliationRows(result, { all: true })).toHaveLength(49 * 19);
  });

  it("finds exactly the cells made to differ, with both values and the difference", () => {
    const cases = copy(month.rows);
    gaj(cases).applied += 3;
    gaj(cases).coverageRate += 0.01;
    const xuanhan = cases.find((r) => r.unitName === "宣汉县")!;
    xuanhan.onlinePromisedCompleted -= 1;
    const result = reconcileVersions({ rows: cases }, { rows: month.rows });
    expect(result.summary).toMatchObject({ unitsDiffering: 2, cellsDiffering: 4 });
    const cells = reconciliationRows(result, { all: false }).map(({ unit, cell }) => [
      unit.unitName,
      cell.field,
      cell.basis,
      cell.difference,
    ]);
    expect(cells).toEqual([
      ["市公安局", "applied", "exact", 3],
      ["市公安局", "coverageRate", "printed", 0.01],
      ["宣汉县", "onlinePromisedCompleted", "exact", -1],
      // 网上办理率 is compared by its numerator and denominator: the count behind it differs,
      // though the printed rates are the same.
      ["宣汉县", "onlineHandlingRate", "ratio", 0],
    ]);
    expect(
      reconcileVersions({ rows: cases }, { rows: month.rows })
        .units.find((u) => u.unitName === "市公安局")!
        .cells.find((c) => c.field === "applied"),
    ).toMatchObject({
      cases: gaj(month.rows).applied + 3,
      annex: gaj(month.rows).applied,
    });
  });

  it("lists units present in one source only", () => {
    const annex = month.rows.filter((r) => r.unitName !== "宣汉县");
    const result = reconcileVersions({ rows: month.rows.slice(1) }, { rows: annex });
    expect(result.onlyInCases.map((u) => u.unitName)).toEqual(["宣汉县"]);
    expect(result.onlyInAnnex.map((u) => u.unitName)).toEqual([month.rows[0]!.unitName]);
    expect(result.summary.unitsCompared).toBe(47);
  });
});

describe("compareCell", () => {
  const row = gaj(month.rows);
  it("compares a printed rate with the tolerance of its last digit", () => {
    expect(
      compareCell(
        "earlyCompletionRate",
        { ...row, earlyCompletionRate: 85.164999 },
        { ...row, earlyCompletionRate: 85.16 },
      ).differs,
    ).toBe(false);
    expect(
      compareCell(
        "earlyCompletionRate",
        { ...row, earlyCompletionRate: 85.155 },
        { ...row, earlyCompletionRate: 85.16 },
      ).differs,
    ).toBe(false);
    expect(
      compareCell(
        "earlyCompletionRate",
        { ...row, earlyCompletionRate: 85.1549 },
        { ...row, earlyCompletionRate: 85.16 },
      ).differs,
    ).toBe(true);
    expect(
      compareCell(
        "earlyCompletionRate",
        { ...row, earlyCompletionRate: 85.17 },
        { ...row, earlyCompletionRate: 85.16 },
      ),
    ).toMatchObject({ basis: "printed", differs: true, difference: 0.01 });
  });

  it("compares 网上办理率 by its numerator and denominator, not by the printed rate", () => {
    // Same printed rate, different counts behind it: a difference.
    const a = { ...row, onlinePromisedCompleted: 10, promisedCompleted: 20, onlineHandlingRate: 50 };
    const b = { ...row, onlinePromisedCompleted: 20, promisedCompleted: 40, onlineHandlingRate: 50 };
    expect(compareCell("onlineHandlingRate", a, b)).toMatchObject({
      basis: "ratio",
      differs: true,
      ratio: { cases: { numerator: 10, denominator: 20 }, annex: { numerator: 20, denominator: 40 } },
    });
    expect(compareCell("onlineHandlingRate", a, { ...a, onlineHandlingRate: 50.004 }).differs).toBe(false);
  });

  it("compares counts exactly", () => {
    expect(compareCell("applied", { ...row, applied: 1 }, { ...row, applied: 2 })).toMatchObject({
      basis: "exact",
      kind: "count",
      differs: true,
      difference: -1,
    });
  });
});
