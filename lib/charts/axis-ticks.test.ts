import { describe, expect, it } from "vitest";
import { niceScale } from "@/lib/bulletin/build/chart-scale";
import { countTickFormatter, rateTick, scaleTicks } from "./axis-ticks";

describe("axis ticks", () => {
  it("writes every tick of an axis with large counts in 万, exactly", () => {
    const tick = countTickFormatter([7_000, 11_000, 1_048_053]);
    expect([0, 5_000, 10_000, 15_000, 500_000, 1_000_000].map(tick)).toEqual([
      "0",
      "0.5万",
      "1万",
      "1.5万",
      "50万",
      "100万",
    ]);
    // The unit page's axis: one style, never "7000 1.1万"; and 2,500 is 0.25万, not a rounded 0.3万.
    const unit = countTickFormatter([6_800, 11_200]);
    expect([0, 2_500, 7_000, 7_500, 11_000, 12_000].map(unit)).toEqual([
      "0",
      "0.25万",
      "0.7万",
      "0.75万",
      "1.1万",
      "1.2万",
    ]);
  });

  it("keeps small counts as plain numbers, and negatives with −", () => {
    const tick = countTickFormatter([120, -40, null]);
    expect([0, 50, 1_000, -40].map(tick)).toEqual(["0", "50", "1,000", "\u221240"]);
    expect(rateTick(-20)).toBe("\u221220%");
    expect(rateTick(12.5)).toBe("12.5%");
  });

  it("gives the bulletin PDF's axes in 万: 图1's 全市 counts and a department chart", () => {
    expect(scaleTicks(niceScale(1_048_053)).map((t) => t.text)).toEqual(["0", "50万", "100万", "150万"]);
    expect(scaleTicks(niceScale(46_016)).map((t) => t.text)).toEqual(["0", "1万", "2万", "3万", "4万", "5万"]);
    // Below 10,000 on the whole axis: plain counts with separators.
    expect(scaleTicks(niceScale(3_120)).map((t) => t.text)).toEqual(["0", "1,000", "2,000", "3,000", "4,000"]);
    expect(scaleTicks({ max: 0.3, step: 0.1 }).map((t) => t.value)).toHaveLength(4);
  });

  it("counts in thousands on an English page, every tick alike (no 万)", () => {
    const tick = countTickFormatter([1_048_053], "en");
    expect([0, 300_000, 1_200_000, 2_500].map(tick)).toEqual(["0", "300k", "1,200k", "2.5k"]);
    expect(countTickFormatter([6_800], "en")(5_000)).toBe("5,000");
  });
});
