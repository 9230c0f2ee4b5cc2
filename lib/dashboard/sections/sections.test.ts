// The evaluations, timeliness and problems sections of 2021-06, against the reference report.
import { describe, expect, it } from "vitest";
import { buildBulletin } from "@/lib/bulletin/build";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import { emptyReportedSummary, monthScopes, roundRate, type StatRow } from "@/lib/indicators";
import { DEFAULT_PROBLEM_SETTINGS } from "@/lib/indicators/problems";
import { evaluationsSection, type SectionMonth } from "./evaluations";
import { problemEntries, ruleStatuses } from "./problems";
import { timelinessSection } from "./timeliness";

const june: SectionMonth = {
  month: "2021-06",
  isDemo: false,
  rows: referenceMonth.rows,
  scopes: monthScopes(referenceMonth.rows, referenceMonth.summaries),
};
/** May as the bulletin describes it: 549,636 evaluations, 129.03%. */
const maySummaries = {
  CITY: { ...emptyReportedSummary("CITY"), activeEvaluations: 549_636, activeEvaluationRate: 129.03 },
};
const may: SectionMonth = {
  month: "2021-05",
  isDemo: true,
  rows: referenceMonth.rows,
  scopes: monthScopes(referenceMonth.rows, maySummaries),
};

describe("evaluationsSection", () => {
  const section = evaluationsSection(june, may, { topDepartments: 5 });

  it("gives the city's evaluations, satisfaction and rate with their changes", () => {
    expect(section.city).toMatchObject({
      evaluations: 721_807,
      evaluationsSource: "reported",
      satisfactionRate: 100,
      rate: 93.94,
      basis: "reported",
      approximate: false,
      rateChangeApproximate: false,
    });
    expect(section.city.evaluationsChange?.difference).toBe(172_171);
    expect(section.city.rateChange?.points).toBe(-35.09);
  });

  it("gives 市本级 and every county with the basis of its rate", () => {
    expect(section.municipal).toMatchObject({ evaluations: 31_896, rate: 91.28, basis: "reported" });
    expect(section.districts.map((d) => [d.name, d.evaluations, d.rate, d.basis])).toEqual([
      ["通川区", 167_275, 100.38, "reported"],
      ["达川区", 73_279, 70.56, "reported"],
      ["万源市", 87_063, 101.45, "reported"],
      ["宣汉县", 130_716, 92.03, "reported"],
      ["大竹县", 67_750, 92.79, "reported"],
      ["渠县", 69_486, 106.91, "reported"],
      ["开江县", 91_729, 95.79, "reported"],
      ["达州高新区", 2_613, 194.71, "reported"],
    ]);
  });

  it("ranks the departments with the most evaluations: the five the bulletin names with its rates, the rest without one", () => {
    expect(section.topDepartments.map((d) => [d.rank, d.name, d.evaluations, roundRate(d.rate), d.basis])).toEqual([
      [1, "市公安局", 9223, 77.29, "reported"],
      [2, "市人力资源和社会保障局", 7707, 118.46, "reported"],
      [3, "市住房公积金管理中心", 5963, 99.35, "reported"],
      [4, "市税务局", 2361, 238, "reported"],
      [5, "市交通运输局", 2323, 104.78, "reported"],
    ]);
  });

  it("has no changes without a previous month", () => {
    const alone = evaluationsSection(june, null);
    expect(alone.city.evaluationsChange).toBeNull();
    expect(alone.city.rateChange).toBeNull();
    expect(alone.topDepartments).toHaveLength(10);
    // Beyond the five the bulletin names: no stated rate, no 办结件总数（包含批量件）, so no rate.
    expect(alone.topDepartments[5]).toMatchObject({ name: "市医疗保障局", rate: null, basis: "noInclBatch" });
  });
});

describe("timelinessSection", () => {
  it("gives 0 overdue and 100% on time for 2021-06, with no unit named", () => {
    const section = timelinessSection(june, null);
    expect(section.scopes.map((s) => [s.scope, s.overdue, s.onTimeRate])).toEqual([
      ["city", 0, 100],
      ["municipal", 0, 100],
      ["districts", 0, 100],
    ]);
    expect(section.units).toEqual([]);
  });

  it("names the units with overdue cases, most first, with their on-time rate", () => {
    const rows: StatRow[] = referenceMonth.rows.map((row) =>
      row.unitName === "市公安局"
        ? { ...row, overdueCompleted: 12 }
        : row.unitName === "渠县"
          ? { ...row, overdueCompleted: 30 }
          : row.unitName === "市税务局"
            ? { ...row, promisedOverdueCompleted: 1 }
            : row,
    );
    const month: SectionMonth = { ...june, rows, scopes: monthScopes(rows, {}) };
    const section = timelinessSection(month, june);
    expect(section.units.map((u) => [u.unitName, u.overdueCompleted, roundRate(u.onTimeRate)])).toEqual([
      [
        "渠县",
        30,
        roundRate(
          ((rows.find((r) => r.unitName === "渠县")!.completed - 30) /
            rows.find((r) => r.unitName === "渠县")!.completed) *
            100,
        ),
      ],
      ["市公安局", 12, roundRate(((11_933 - 12) / 11_933) * 100)],
      ["市税务局", 0, 100],
    ]);
    const city = section.scopes[0]!;
    expect(city.overdue).toBe(42);
    expect(city.overdueChange?.difference).toBe(42);
  });
});

describe("problems", () => {
  const bulletin = buildBulletin({
    current: { ...referenceMonth, isDemo: false, versionNumber: 1 },
    previous: { month: "2021-05", isDemo: true, versionNumber: 1, rows: referenceMonth.rows, summaries: maySummaries },
  });

  it("pairs each problem with the bulletin's numbered paragraph", () => {
    const entries = problemEntries(bulletin);
    expect(entries.map((e) => [e.problem.kind, e.lead])).toEqual([
      ["lowCoverage", "（一）办件覆盖率较低。"],
      ["evaluationRateDrop", "（二）主动评价率下降较多。"],
      ["lowCatalogClaim", "（三）政务服务事项目录清单未及时认领。"],
      ["noCases", "（四）部分部门（单位）无办件。"],
    ]);
    expect(entries[0]!.text).toContain("33.19%");
    expect(entries[1]!.text).toContain("35.09个百分点");
    expect(entries[2]!.text).toContain("97.80%");
  });

  it("lists every rule with its threshold and what it found", () => {
    const statuses = ruleStatuses(DEFAULT_PROBLEM_SETTINGS, bulletin.problems);
    expect(statuses.map((s) => [s.kind, s.enabled, s.threshold, s.found])).toEqual([
      ["lowCoverage", true, 50, true],
      ["evaluationRateDrop", true, 10, true],
      ["lowCatalogClaim", true, 100, true],
      ["noCases", true, null, true],
      ["overdue", true, null, false],
      ["missingData", true, null, false],
    ]);
    expect(statuses.find((s) => s.kind === "noCases")?.units).toBe(13);
  });
});
