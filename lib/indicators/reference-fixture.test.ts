import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import { referenceMonthFromJson, unitCodeFor } from "./reference-fixture";
import { emptyReportedSummary } from "./types";

const ref = referenceMonthFromJson(referenceJson);

describe("reference fixture (2021-06)", () => {
  it("maps both annexes in the report's order with schema unit codes", () => {
    expect(ref.month).toBe("2021-06");
    expect(ref.departments).toHaveLength(41);
    expect(ref.districts).toHaveLength(8);
    expect(ref.rows).toHaveLength(49);
    expect(ref.departments.map((r) => r.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    const police = ref.departments[7];
    expect(police?.unitName).toBe("市公安局");
    expect(police?.unitCode).toBe("d08");
    expect(police?.kind).toBe("DEPARTMENT");
    expect(police?.completed).toBe(11933);
    expect(police?.handlingSpeedupRate).toBe(94.18);
    const xuanhan = ref.districts[3];
    expect(xuanhan?.unitName).toBe("宣汉县");
    expect(xuanhan?.unitCode).toBe("x04");
    expect([xuanhan?.applied, xuanhan?.accepted, xuanhan?.completed]).toEqual([260342, 143834, 141678]);
    expect(unitCodeFor("DISTRICT", 12)).toBe("x12");
  });

  it("puts each stated evaluation rate on its row: every district's, and the five departments the text names", () => {
    expect(ref.districts.map((r) => [r.unitName, r.activeEvaluationRateReported])).toEqual([
      ["通川区", 100.38],
      ["达川区", 70.56],
      ["万源市", 101.45],
      ["宣汉县", 92.03],
      ["大竹县", 92.79],
      ["渠县", 106.91],
      ["开江县", 95.79],
      ["达州高新区", 194.71],
    ]);
    expect(
      ref.departments
        .filter((r) => r.activeEvaluationRateReported !== null)
        .map((r) => [r.unitName, r.activeEvaluationRateReported]),
    ).toEqual([
      ["市税务局", 238],
      ["市公安局", 77.29],
      ["市人力资源和社会保障局", 118.46],
      ["市交通运输局", 104.78],
      ["市住房公积金管理中心", 99.35],
    ]);
    expect(ref.rows.every((r) => r.completedInclBatch === null)).toBe(true);
  });

  it("district evaluation counts of the narrative equal the annex", () => {
    const stated = referenceJson.narrative.evaluations.districts;
    for (const row of ref.districts) {
      const pair = (stated as Record<string, number[]>)[row.unitName];
      expect([row.unitName, pair?.[0]]).toEqual([row.unitName, row.activeEvaluations]);
    }
  });

  it("maps the narrative onto one ReportedSummary per scope", () => {
    expect(ref.summaries.CITY).toEqual({
      ...emptyReportedSummary("CITY"),
      applied: 1048053,
      accepted: 568165,
      completed: 535548,
      promisedCompleted: 94414,
      promiseSpeedupRate: 85.16,
      handlingSpeedupRate: 93.72,
      earlyCompletionRate: 100,
      onlineApplied: 335445,
      onlineShare: 32.01,
      onlineAccepted: 328575,
      onlineCompleted: 325413,
      onlinePromisedCompleted: 47239,
      onlineEarlyCompletionRate: 100,
      overdueCompleted: 0,
      onTimeCompletionRate: 100,
      activeEvaluations: 721807,
      activeEvaluationRate: 93.94,
      satisfactionRate: 100,
      coverageRate: 33.19,
      catalogClaimRate: 97.8,
    });
    expect(ref.summaries.MUNICIPAL).toEqual({
      ...emptyReportedSummary("MUNICIPAL"),
      applied: 46016,
      accepted: 38018,
      completed: 34944,
      promisedCompleted: 16379,
      promiseSpeedupRate: 86.05,
      handlingSpeedupRate: 20.04,
      earlyCompletionRate: 100,
      onlineApplied: 18830,
      onlineShare: 40.92,
      onlineAccepted: 18794,
      onlineCompleted: 18859,
      onlinePromisedCompleted: 13076,
      onlineEarlyCompletionRate: 100,
      activeEvaluations: 31896,
      activeEvaluationRate: 91.28,
    });
    expect(ref.summaries.DISTRICTS).toEqual({
      ...emptyReportedSummary("DISTRICTS"),
      applied: 1002037,
      accepted: 530147,
      completed: 500604,
      promisedCompleted: 78035,
      onlineApplied: 316615,
      onlineShare: 31.6,
      onlineAccepted: 309781,
      onlineCompleted: 306554,
      onlinePromisedCompleted: 34163,
      onlineEarlyCompletionRate: 100,
    });
    expect(ref.statedChanges).toEqual({ activeEvaluations: 172171, activeEvaluationRatePoints: -35.09 });
  });

  it("rejects a row with a missing figure", () => {
    const [first] = referenceJson.annex1_departments;
    if (!first) throw new Error("no rows");
    const broken = { ...referenceJson, annex1_departments: [{ ...first, applied: "12" as unknown as number }] };
    expect(() => referenceMonthFromJson(broken)).toThrow(/applied is not a number/);
  });
});
