import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import { DEFAULT_PROBLEM_SETTINGS, findProblems, type ProblemMonth, resolveProblemSettings } from "./problems";
import { referenceMonthFromJson } from "./reference-fixture";
import { emptyReportedSummary, type StatRow } from "./types";

const ref = referenceMonthFromJson(referenceJson);
const june: ProblemMonth = { month: ref.month, rows: ref.rows, summaries: ref.summaries };

/** May as the bulletin describes it: 549,636 evaluations at 129.03%; rows as in June unless changed. */
function may(rows: StatRow[] = ref.rows.map((r) => ({ ...r }))): ProblemMonth {
  return {
    month: "2021-05",
    rows,
    summaries: { CITY: { ...emptyReportedSummary("CITY"), activeEvaluations: 549_636, activeEvaluationRate: 129.03 } },
  };
}

describe("findProblems on the reference month", () => {
  const problems = findProblems(june, may());
  const byKind = Object.fromEntries(problems.map((p) => [p.kind, p]));

  it("finds the report's three problems first, with its figures", () => {
    expect(problems.slice(0, 3).map((p) => p.kind)).toEqual(["lowCoverage", "evaluationRateDrop", "lowCatalogClaim"]);
    expect(byKind.lowCoverage?.city).toMatchObject({ value: 33.19, triggered: true });
    expect(byKind.evaluationRateDrop?.city?.change).toEqual({ current: 93.94, previous: 129.03, points: -35.09 });
    expect(byKind.evaluationRateDrop?.previousMonth).toBe("2021-05");
    expect(byKind.lowCatalogClaim?.city).toMatchObject({ value: 97.8, triggered: true });
  });

  it("names the units below the coverage threshold, departments then districts, lowest first", () => {
    const units = byKind.lowCoverage!.units;
    expect(units.filter((u) => u.kind === "DEPARTMENT")).toHaveLength(25);
    expect(units.filter((u) => u.kind === "DISTRICT").map((u) => [u.unitName, u.value])).toEqual([
      ["达州高新区", 22.44],
      ["开江县", 28.81],
      ["渠县", 29.41],
      ["万源市", 29.63],
      ["通川区", 32.01],
      ["大竹县", 34.4],
      ["达川区", 37.12],
      ["宣汉县", 37.35],
    ]);
    // 50.00% is not below 50%.
    expect(units.some((u) => u.unitName === "市委宣传部")).toBe(false);
  });

  it("lists the 13 departments without cases in 序号 order (one accepted case is a case)", () => {
    const names = byKind.noCases!.units.map((u) => u.unitName);
    expect(names).toHaveLength(13);
    expect(names[0]).toBe("市委宣传部");
    expect(names).not.toContain("市公共资源交易服务中心");
  });

  it("finds no overdue cases and no missing units when nothing is overdue or missing", () => {
    expect(byKind.overdue).toBeUndefined();
    expect(byKind.missingData).toBeUndefined();
  });
});

describe("findProblems rules", () => {
  it("skips the month-over-month rules without a previous month", () => {
    const kinds = findProblems(june, null).map((p) => p.kind);
    expect(kinds).toEqual(["lowCoverage", "lowCatalogClaim", "noCases"]);
  });

  it("honours thresholds strictly and switches", () => {
    expect(
      findProblems(june, may(), { evaluationRateDropAbove: 35.09 }).some((p) => p.kind === "evaluationRateDrop"),
    ).toBe(false);
    expect(
      findProblems(june, may(), { evaluationRateDropAbove: 35.08 }).some((p) => p.kind === "evaluationRateDrop"),
    ).toBe(true);
    expect(findProblems(june, may(), { catalogClaimRateBelow: 97.8 }).some((p) => p.kind === "lowCatalogClaim")).toBe(
      false,
    );
    const kinds = findProblems(june, may(), { enabled: { noCases: false, lowCoverage: false } }).map((p) => p.kind);
    expect(kinds).toEqual(["evaluationRateDrop", "lowCatalogClaim"]);
    expect(resolveProblemSettings({ coverageRateBelow: 40 })).toEqual({
      ...DEFAULT_PROBLEM_SETTINGS,
      coverageRateBelow: 40,
    });
  });

  it("names units whose evaluation rate fell, comparing rates on the same basis only", () => {
    const before = ref.rows.map((r) => ({ ...r }));
    const police = before.find((r) => r.unitName === "市公安局")!;
    police.activeEvaluationRateReported = 100; // stated 100% in May, 77.29% in June: −22.71 points
    const tongchuan = before.find((r) => r.unitName === "通川区")!;
    tongchuan.activeEvaluationRateReported = null; // May from 办结件总数（含批量件）, June as stated: not compared
    tongchuan.completedInclBatch = 1_000_000;
    const housing = before.find((r) => r.unitName === "市住房和城乡建设局")!;
    housing.activeEvaluationRateReported = 200; // June has no rate (no 办结件总数（含批量件）): nothing to compare
    const drop = findProblems(june, may(before)).find((p) => p.kind === "evaluationRateDrop")!;
    expect(drop.units.map((u) => [u.unitName, u.previous, u.value, u.change, u.basis])).toEqual([
      ["市公安局", 100, 77.29, -22.71, "reported"],
    ]);
  });

  it("names units with overdue cases and units that stopped reporting", () => {
    const rows = ref.rows.filter((r) => r.unitName !== "市气象局").map((r) => ({ ...r }));
    const dazhu = rows.find((r) => r.unitName === "大竹县")!;
    dazhu.overdueCompleted = 7;
    const problems = findProblems({ ...june, rows }, may());
    const overdue = problems.find((p) => p.kind === "overdue")!;
    expect(overdue.units.map((u) => [u.unitName, u.value, u.rate])).toEqual([["大竹县", 7, 99.99]]);
    const missing = problems.find((p) => p.kind === "missingData")!;
    expect(missing.units.map((u) => u.unitName)).toEqual(["市气象局"]);
    expect(missing.previousMonth).toBe("2021-05");
  });
});
