import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import { hasNoCases, rankOf, rankRows, topN } from "./ranking";
import { activeEvaluationRate, roundRate } from "./rates";
import { referenceMonthFromJson } from "./reference-fixture";
import type { StatRow } from "./types";

const ref = referenceMonthFromJson(referenceJson);
const { departments, districts } = ref;
const names = (rows: StatRow[]) => rows.map((r) => r.unitName);

describe("topN", () => {
  it("departments with most completions (市本级 办件较好)", () => {
    const top = topN(departments, "completed", 4);
    expect(top.map((r) => [r.unitName, r.completed])).toEqual([
      ["市公安局", 11933],
      ["市人力资源和社会保障局", 6506],
      ["市住房公积金管理中心", 6002],
      ["市自然资源和规划局", 3578],
    ]);
    expect(top.map((r) => [r.unitName, r.completed])).toEqual(referenceJson.narrative.municipal.topByCompleted);
  });

  it("districts with most completions", () => {
    expect(topN(districts, "completed", 3).map((r) => [r.unitName, r.completed])).toEqual([
      ["宣汉县", 141678],
      ["开江县", 94933],
      ["大竹县", 72349],
    ]);
  });

  it("departments with most evaluations, with their rates on completed", () => {
    const top = topN(departments, "activeEvaluations", 5);
    expect(names(top)).toEqual([
      "市公安局",
      "市人力资源和社会保障局",
      "市住房公积金管理中心",
      "市税务局",
      "市交通运输局",
    ]);
    expect(top.map((r) => r.activeEvaluations)).toEqual([9223, 7707, 5963, 2361, 2323]);
    expect(top.map((r) => roundRate(activeEvaluationRate(r.activeEvaluations, r.completed)))).toEqual([
      77.29, 118.46, 99.35, 238, 104.78,
    ]);
  });

  it("breaks ties by the report's seq, not by name or input order", () => {
    const reversed = [...departments].reverse();
    const zeros = topN(reversed, "completed", 41, "asc").slice(0, 3);
    expect(zeros.map((r) => r.seq)).toEqual([1, 19, 20]);
    expect(topN(departments, "completed", 0)).toEqual([]);
    expect(topN(departments, "completed", 100)).toHaveLength(41);
  });

  it("ranks by a derived value and leaves out units without one", () => {
    const rate = (r: StatRow) => activeEvaluationRate(r.activeEvaluations, r.completed);
    const top = topN(departments, rate, 2);
    expect(names(top)).toEqual(["市税务局", "市住房和城乡建设局"]);
    expect(rankRows(departments, rate)).toHaveLength(41 - 14); // 14 departments completed nothing
  });
});

describe("rankOf", () => {
  it("1-based, ties share the rank", () => {
    expect(rankOf(departments, "d08", "completed")).toBe(1);
    expect(rankOf(departments, "d13", "completed")).toBe(2);
    expect(rankOf(districts, "x04", "completed")).toBe(1);
    expect(rankOf(districts, "x08", "completed")).toBe(8);
    // the 14 departments that completed nothing share the rank after the 27 that did
    const zeroRanks = departments
      .filter((r) => r.completed === 0)
      .map((r) => rankOf(departments, r.unitCode, "completed"));
    expect(new Set(zeroRanks)).toEqual(new Set([28]));
    expect(zeroRanks).toHaveLength(14);
    expect(rankOf(departments, "d99", "completed")).toBeNull();
  });

  it("competition ranking skips after a tie", () => {
    const ranked = rankRows(departments, "completed");
    const fives = ranked.filter((r) => r.value === 5);
    expect(fives.map((r) => [r.row.unitName, r.rank])).toEqual([
      ["市科学技术局", 23],
      ["市商务局", 23],
    ]);
    expect(ranked.find((r) => r.value === 4)?.rank).toBe(25);
  });
});

describe("hasNoCases", () => {
  it("the 13 all-zero departments show 本月无办件", () => {
    expect(departments.filter(hasNoCases).map((r) => r.seq)).toEqual([
      1, 19, 20, 25, 27, 30, 31, 33, 35, 36, 37, 40, 41,
    ]);
    expect(districts.some(hasNoCases)).toBe(false);
  });
  it("市公共资源交易服务中心: applied 0 but accepted 1 has cases", () => {
    const center = departments.find((r) => r.seq === 38);
    expect(center?.unitName).toBe("市公共资源交易服务中心");
    expect(center?.applied).toBe(0);
    expect(center && hasNoCases(center)).toBe(false);
  });
  it("evaluations alone are not cases", () => {
    const first = departments[0];
    if (!first) throw new Error("no row");
    expect(hasNoCases({ ...first, activeEvaluations: 3 })).toBe(true);
    expect(hasNoCases({ ...first, onlinePromisedCompleted: 1 })).toBe(false);
  });
});
