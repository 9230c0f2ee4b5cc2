import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import { countChange, rateChange, rowChanges } from "./change";
import { roundRate } from "./rates";
import { referenceMonthFromJson } from "./reference-fixture";

const ref = referenceMonthFromJson(referenceJson);

describe("countChange", () => {
  it("evaluations 721,807 against 549,636: +172,171 (+31.32%)", () => {
    const change = countChange(721807, 549636);
    expect(change?.difference).toBe(172171);
    expect(change?.difference).toBe(ref.statedChanges.activeEvaluations);
    expect(roundRate(change?.relative ?? null)).toBe(31.32);
  });
  it("decreases are negative", () => {
    expect(countChange(90, 120)).toEqual({ current: 90, previous: 120, difference: -30, relative: -25 });
  });
  it("null without a previous month; no relative change from 0", () => {
    expect(countChange(5, null)).toBeNull();
    expect(countChange(5, undefined)).toBeNull();
    expect(countChange(null, 5)).toBeNull();
    expect(countChange(5, 0)).toEqual({ current: 5, previous: 0, difference: 5, relative: null });
  });
});

describe("rateChange", () => {
  it("93.94% against 129.03%: −35.09 percentage points, exactly", () => {
    expect(0.3 - 0.1).not.toBe(0.2); // the floating-point trap rateChange avoids
    expect(rateChange(0.3, 0.1)?.points).toBe(0.2);
    expect(rateChange(93.94, 129.03)).toEqual({ current: 93.94, previous: 129.03, points: -35.09 });
    expect(rateChange(93.94, 129.03)?.points).toBe(ref.statedChanges.activeEvaluationRatePoints);
  });
  it("compares rates as printed", () => {
    expect(rateChange(32.006, 31.004)?.points).toBe(1.01); // 32.01 − 31.00
    expect(rateChange(0.1 + 0.2, 0.1)?.points).toBe(0.2);
  });
  it("null without a previous month", () => {
    expect(rateChange(93.94, null)).toBeNull();
    expect(rateChange(undefined, 93.94)).toBeNull();
  });
});

describe("rowChanges", () => {
  it("every column of a unit, or null without a previous row", () => {
    const police = ref.departments[7];
    if (!police) throw new Error("no row");
    const previous = { ...police, completed: 10933, handlingSpeedupRate: 90.1 };
    const changes = rowChanges(police, previous);
    expect(changes.counts.completed?.difference).toBe(1000);
    expect(changes.counts.applied?.difference).toBe(0);
    expect(changes.rates.handlingSpeedupRate?.points).toBe(4.08);
    const none = rowChanges(police, null);
    expect(Object.values(none.counts).every((c) => c === null)).toBe(true);
    expect(Object.values(none.rates).every((c) => c === null)).toBe(true);
  });
});
