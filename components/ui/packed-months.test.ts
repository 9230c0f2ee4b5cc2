import { describe, expect, it } from "vitest";
import { packMonths, unpackMonths } from "@/components/ui/packed-months";

describe("packed months", () => {
  it("round-trips the months in order with their demo marks", () => {
    const months = [
      { month: "2021-04", isDemo: true },
      { month: "2021-05", isDemo: true },
      { month: "2021-06", isDemo: false },
    ];
    expect(packMonths(months)).toBe("2021-04* 2021-05* 2021-06");
    expect(unpackMonths(packMonths(months))).toEqual(months);
    expect(unpackMonths("")).toEqual([]);
  });

  it("is much shorter than the objects it replaces", () => {
    const months = Array.from({ length: 120 }, (_, i) => ({
      month: `${2011 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, "0")}`,
      isDemo: i < 119,
    }));
    expect(packMonths(months).length).toBeLessThan(1_200);
    expect(packMonths(months).length * 3).toBeLessThan(JSON.stringify(months).length);
  });
});
