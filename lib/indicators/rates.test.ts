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
  it("departments the report names: their stated rates (the report divides by `completed`), kept as stated", () => {
    const police = byName("市公安局");
    expect(rowActiveEvaluationRate(police)).toEqual({ value: 77.29, basis: "reported", gap: null });
    expect(rowActiveEvaluationRate(byName("市税务局"))).toEqual({ value: 238, basis: "reported", gap: null });
  });

  it("a department without a stated rate or 办结件总数（包含批量件）: missing, never over `completed`", () => {
    // 市住房和城乡建设局: 1,239 evaluations (batch cases included) against 962 completions without them.
    const row = byName("市住房和城乡建设局");
    expect(rowActiveEvaluationRate(row)).toEqual({ value: null, basis: null, gap: "noInclBatch" });
  });

  it("prefers the reported rate, then the batch-inclusive denominator, else none", () => {
    expect(resolveActiveEvaluationRate({ activeEvaluations: 10, completedInclBatch: 40, reported: 12.34 })).toEqual({
      value: 12.34,
      basis: "reported",
      gap: null,
    });
    expect(resolveActiveEvaluationRate({ activeEvaluations: 10, completedInclBatch: 40 })).toEqual({
      value: 25,
      basis: "inclBatch",
      gap: null,
    });
    expect(resolveActiveEvaluationRate({ activeEvaluations: 10, completedInclBatch: null, reported: null })).toEqual({
      value: null,
      basis: null,
      gap: "noInclBatch",
    });
    // A base of 0 is no base: no rate, and nothing is missing.
    expect(resolveActiveEvaluationRate({ activeEvaluations: 0, completedInclBatch: 0 })).toEqual({
      value: null,
      basis: "inclBatch",
      gap: null,
    });
  });

  it("districts use the stated rate, which `completed` cannot reproduce", () => {
    const tongchuan = byName("通川区");
    expect(rowActiveEvaluationRate(tongchuan)).toEqual({ value: 100.38, basis: "reported", gap: null });
    // What the mixed ratio would print: evaluations incl. batch cases over completions without them.
    expect(roundRate((tongchuan.activeEvaluations / tongchuan.completed) * 100)).toBe(341.83);
    expect(rowActiveEvaluationRate({ ...tongchuan, activeEvaluationRateReported: null }).value).toBeNull();
    expect(rowActiveEvaluationRate(byName("渠县"))).toEqual({ value: 106.91, basis: "reported", gap: null });
  });
});
