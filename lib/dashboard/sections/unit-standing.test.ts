import { describe, expect, it } from "vitest";
import { referenceMonthFromJson } from "@/lib/indicators/reference-fixture";
import referenceJson from "@/prisma/reference/2021-06.json";
import { unitStanding } from "./unit-standing";

const rows = referenceMonthFromJson(referenceJson).rows;
const departments = rows.filter((r) => r.kind === "DEPARTMENT");
const gaj = rows.find((r) => r.unitName === "市公安局")!;

describe("unitStanding (2021-06)", () => {
  const standing = unitStanding(departments, [], gaj.unitCode);
  const of = (measure: string) => standing.find((s) => s.measure === measure)!;

  it("ranks 市公安局 among the 41 departments on every measure", () => {
    expect(standing).toHaveLength(20);
    expect(of("completed")).toMatchObject({ value: 11933, rank: 1, total: 41 });
    // 覆盖率 42.86%: named by problem (一), ranked among the 41.
    expect(of("coverageRate").value).toBe(42.86);
    expect(of("coverageRate").rank).toBeGreaterThan(1);
    // Overdue counts rank fewest first: none overdue shares first place.
    expect(of("overdueCompleted")).toMatchObject({ value: 0, rank: 1 });
    expect(standing.every((s) => s.total === 41)).toBe(true);
  });

  it("leaves a rate with no base unranked, and has no change without a previous month", () => {
    const ndrc = rows.find((r) => r.unitName === "市发展和改革委员会")!;
    const own = unitStanding(departments, [], ndrc.unitCode);
    expect(own.find((s) => s.measure === "handlingSpeedupRate")).toMatchObject({ value: null, rank: null });
    expect(own.every((s) => s.change === null && s.previousRank === null)).toBe(true);
  });

  it("gives the change and last month's rank when there is a previous month", () => {
    const before = departments.map((r) =>
      r.unitCode === gaj.unitCode ? { ...r, completed: 10000, coverageRate: 40 } : r,
    );
    const own = unitStanding(departments, before, gaj.unitCode);
    expect(own.find((s) => s.measure === "completed")).toMatchObject({ change: 1933, previousRank: 1 });
    expect(own.find((s) => s.measure === "coverageRate")!.change).toBe(2.86);
  });
});
