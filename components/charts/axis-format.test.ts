import { describe, expect, it } from "vitest";
import { countTickFormatter, rateTick } from "./axis-format";

describe("axis ticks", () => {
  it("writes every tick of a chart with large counts in 万", () => {
    const tick = countTickFormatter([7_000, 11_000, 1_048_053]);
    expect([0, 5_000, 10_000, 15_000, 500_000, 1_000_000].map(tick)).toEqual(["0", "0.5万", "1万", "1.5万", "50万", "100万"]);
  });

  it("keeps small counts as plain numbers, and negatives with −", () => {
    const tick = countTickFormatter([120, -40, null]);
    expect([0, 50, 1_000, -40].map(tick)).toEqual(["0", "50", "1,000", "\u221240"]);
    expect(rateTick(-20)).toBe("\u221220%");
  });
});
