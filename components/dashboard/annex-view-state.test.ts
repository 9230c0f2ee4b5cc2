import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, passesFilters, readViewState, writeViewState } from "./annex-view-state";

describe("annex view state in the URL", () => {
  it("round-trips a sorted, filtered view", () => {
    const view = {
      sort: { field: "coverageRate" as const, direction: "asc" as const },
      filters: { coverageBelow: 50, noCases: false, overdue: true },
    };
    const search = writeViewState("", view);
    expect(search).toBe("?sort=coverageRate&dir=asc&below=50&overdue=1");
    expect(readViewState(search)).toEqual(view);
  });

  it("writes nothing for the report's order, and ignores what it does not know", () => {
    expect(writeViewState("?x=1&sort=applied", DEFAULT_VIEW)).toBe("?x=1");
    expect(readViewState("?sort=passwordHash&below=abc")).toEqual(DEFAULT_VIEW);
    expect(readViewState("?sort=applied").sort).toEqual({ field: "applied", direction: "desc" });
  });

  it("filters on coverage below a value, no cases, and overdue cases of any kind", () => {
    const row = {
      coverageRate: 42.86,
      noCases: false,
      overdueCompleted: 0,
      promisedOverdueCompleted: 0,
      onlinePromisedOverdueCompleted: 2,
    };
    expect(passesFilters(row, { coverageBelow: 50, noCases: false, overdue: true })).toBe(true);
    expect(passesFilters(row, { coverageBelow: 40, noCases: false, overdue: false })).toBe(false);
    expect(passesFilters(row, { coverageBelow: null, noCases: true, overdue: false })).toBe(false);
  });
});
