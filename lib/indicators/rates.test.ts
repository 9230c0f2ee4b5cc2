import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import {
  activeEvaluationRate,
  catalogClaimRate,
  earlyCompletionRate,
  handlingSpeedupRate,
  onlineHandlingRate,
  onlineShare,
  onTimeCompletionRate,
  percent,
  promiseSpeedupRate,
  resolveActiveEvaluationRate,
  roundHalfAwayFromZero,
  roundRate,
  rowActiveEvaluationRate,
} from "./rates";
import { referenceMonthFromJson } from "./reference-fixture";

const ref = referenceMonthFromJson(referenceJson);
const byName = (name: string) => {
  const row = ref.rows.find((r) => r.unitName === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
};

describe("roundRate: the report's rounding", () => {
  it("rounds half away from zero despite binary floating point", () => {
    expect(32.005 * 100).not.toBe(3200.5); // the trap: 3200.4999999999995
    expect(roundRate(32.005)).toBe(32.01);
    expect(roundRate(1.005)).toBe(1.01);
    expect(roundRate(-32.005)).toBe(-32.01);
    expect(roundRate(32.00499)).toBe(32);
    expect(roundRate(0.125)).toBe(0.13);
    expect(roundRate(-0.001)).toBe(0);
    expect(Object.is(roundRate(-0.001), -0)).toBe(false);
  });

  it("rounds values computed as ratios", () => {
    expect(roundRate(percent(6401, 20000))).toBe(32.01); // exactly 32.005
    expect(roundRate(percent(-6401, 20000))).toBe(-32.01);
    expect(roundRate(percent(3201, 100000))).toBe(3.2); // 3.201 stays down
    // exact halves that a ratio stores as …4999…: 0.195, 0.035, 0.145
    expect(percent(39, 20000)).toBe(0.19499999999999998);
    expect(roundRate(percent(39, 20000))).toBe(0.2);
    expect(roundRate(percent(7, 20000))).toBe(0.04);
    expect(roundRate(percent(29, 20000))).toBe(0.15);
    expect(roundRate(onlineShare(335445, 1048053))).toBe(32.01);
    expect(roundRate(onlineShare(18830, 46016))).toBe(40.92);
    expect(roundRate(onlineShare(18830, 46015))).toBe(40.92);
    expect(roundRate(onlineShare(316615, 1002037))).toBe(31.6);
  });

  it("keeps null and handles other precisions and extremes", () => {
    expect(roundRate(null)).toBeNull();
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(1e-7, 2)).toBe(0);
    expect(roundHalfAwayFromZero(1.2345e21, 2)).toBe(1.2345e21);
    expect(roundHalfAwayFromZero(Number.NaN, 2)).toBeNaN();
  });
});

describe("rates return null, not NaN or 0, without a denominator", () => {
  it("percent", () => {
    expect(percent(0, 0)).toBeNull();
    expect(percent(5, 0)).toBeNull();
    expect(percent(0, 5)).toBe(0);
    expect(percent(Number.NaN, 5)).toBeNull();
  });
  it("every named rate", () => {
    expect(onlineShare(0, 0)).toBeNull();
    expect(earlyCompletionRate(0, 0)).toBeNull();
    expect(onlineHandlingRate(0, 0)).toBeNull();
    expect(onTimeCompletionRate(0, 0)).toBeNull();
    expect(activeEvaluationRate(3, 0)).toBeNull();
    expect(promiseSpeedupRate(0, 0)).toBeNull();
    expect(handlingSpeedupRate(0, 0)).toBeNull();
    expect(catalogClaimRate(0, 0)).toBeNull();
  });
});

describe("rate formulas", () => {
  it("on-time completion = (completed − overdue) / completed", () => {
    expect(onTimeCompletionRate(535548, 0)).toBe(100);
    expect(onTimeCompletionRate(200, 50)).toBe(75);
  });
  it("speed-up rates from sums of days, negative when slower than the legal limit", () => {
    expect(promiseSpeedupRate(100, 15)).toBe(85);
    expect(handlingSpeedupRate(100, 120)).toBe(-20);
    expect(earlyCompletionRate(47, 50)).toBe(94);
  });
  it("网上办理率 of every annex row is onlinePromisedCompleted / promisedCompleted", () => {
    for (const row of ref.rows) {
      const computed = roundRate(onlineHandlingRate(row.onlinePromisedCompleted, row.promisedCompleted));
      expect([row.unitName, computed ?? 0]).toEqual([row.unitName, row.onlineHandlingRate]);
    }
    expect(roundRate(onlineHandlingRate(284, 583))).toBe(48.71); // 市住房公积金管理中心
  });
});

describe("active evaluation rate", () => {
  it("departments: activeEvaluations / completed, as the report prints", () => {
    expect(roundRate(activeEvaluationRate(9223, 11933))).toBe(77.29);
    const police = byName("市公安局");
    expect(rowActiveEvaluationRate(police)).toEqual({ value: (9223 / 11933) * 100, basis: "completed" });
  });

  it("prefers the reported rate, then the batch-inclusive denominator, then completed", () => {
    expect(
      resolveActiveEvaluationRate({ activeEvaluations: 10, completed: 20, completedInclBatch: 40, reported: 12.34 }),
    ).toEqual({
      value: 12.34,
      basis: "reported",
    });
    expect(resolveActiveEvaluationRate({ activeEvaluations: 10, completed: 20, completedInclBatch: 40 })).toEqual({
      value: 25,
      basis: "inclBatch",
    });
    expect(
      resolveActiveEvaluationRate({ activeEvaluations: 10, completed: 20, completedInclBatch: null, reported: null }),
    ).toEqual({
      value: 50,
      basis: "completed",
    });
    expect(resolveActiveEvaluationRate({ activeEvaluations: 0, completed: 0 })).toEqual({
      value: null,
      basis: "completed",
    });
  });

  it("districts use the stated rate, which `completed` cannot reproduce", () => {
    const tongchuan = byName("通川区");
    expect(rowActiveEvaluationRate(tongchuan)).toEqual({ value: 100.38, basis: "reported" });
    expect(roundRate(activeEvaluationRate(tongchuan.activeEvaluations, tongchuan.completed))).toBe(341.83);
    expect(rowActiveEvaluationRate(byName("渠县"))).toEqual({ value: 106.91, basis: "reported" });
  });
});
