import { describe, expect, it } from "vitest";
import { referenceMonthFromJson } from "@/lib/indicators/reference-fixture";
import referenceJson from "@/prisma/reference/2021-06.json";
import { weakestUnits } from "./weakest-units";

const rows = referenceMonthFromJson(referenceJson).rows;

describe("weakestUnits (2021-06)", () => {
  const weakest = weakestUnits(rows, []);

  it("lists the five lowest coverage rates, lowest first", () => {
    expect(weakest.lowestCoverage).toHaveLength(5);
    const values = weakest.lowestCoverage.map((u) => u.value!);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    const lowest = Math.min(...rows.map((r) => r.coverageRate));
    expect(values[0]).toBe(lowest);
    expect(rows.filter((r) => r.coverageRate < values[4]!).length).toBeLessThanOrEqual(4);
  });

  it("lists units with overdue completions, most first, and every unit with no cases", () => {
    for (const u of weakest.mostOverdue) expect(u.value).toBeGreaterThan(0);
    const noCases = rows.filter(
      (r) =>
        ["applied", "accepted", "completed", "onlineApplied"].every((f) => r[f as "applied"] === 0) &&
        r.promisedCompleted === 0,
    );
    expect(weakest.noCases.map((u) => u.unitName)).toContain("市委宣传部");
    expect(weakest.noCases.length).toBeLessThanOrEqual(noCases.length);
  });

  it("finds the biggest falls of the evaluation rate against the previous month", () => {
    expect(weakest.biggestFall).toEqual([]);
    const gaj = rows.find((r) => r.unitName === "市公安局")!;
    // May's stated rate twice June's: a fall on one basis (stated both months).
    const previous = rows.map((r) =>
      r.unitCode === gaj.unitCode ? { ...r, activeEvaluationRateReported: 2 * r.activeEvaluationRateReported! } : r,
    );
    const falls = weakestUnits(rows, previous).biggestFall;
    expect(falls[0]?.unitName).toBe("市公安局");
    expect(falls[0]!.value!).toBeLessThan(0);
  });
});
