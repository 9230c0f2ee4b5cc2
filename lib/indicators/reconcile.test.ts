import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import { reconcile } from "./reconcile";
import { referenceMonthFromJson } from "./reference-fixture";
import { emptyReportedSummary } from "./types";

const ref = referenceMonthFromJson(referenceJson);
const { departments, districts, summaries } = ref;

describe("reconcile", () => {
  it("finds the two one-case municipal discrepancies of 2021-06", () => {
    expect(reconcile(summaries.MUNICIPAL, departments)).toEqual([
      { field: "applied", kind: "count", reported: 46016, computed: 46015, difference: 1 },
      { field: "accepted", kind: "count", reported: 38018, computed: 38017, difference: 1 },
    ]);
  });

  it("the districts reconcile exactly", () => {
    expect(reconcile(summaries.DISTRICTS, districts)).toEqual([]);
  });

  it("the city over all rows carries the same two gaps, evaluations included", () => {
    expect(reconcile(summaries.CITY, ref.rows)).toEqual([
      { field: "applied", kind: "count", reported: 1048053, computed: 1048052, difference: 1 },
      { field: "accepted", kind: "count", reported: 568165, computed: 568164, difference: 1 },
    ]);
  });

  it("compares exact-ratio rates as printed", () => {
    const stated = { ...summaries.DISTRICTS, onlineShare: 31.65, completed: 500000 };
    expect(reconcile(stated, districts)).toEqual([
      { field: "completed", kind: "count", reported: 500000, computed: 500604, difference: -604 },
      { field: "onlineShare", kind: "rate", reported: 31.65, computed: 31.6, difference: 0.05 },
    ]);
  });

  it("nothing stated, nothing to compare", () => {
    expect(reconcile(emptyReportedSummary("MUNICIPAL"), departments)).toEqual([]);
  });

  it("checks batch-inclusive completions only when every row has them", () => {
    const rows = districts.map((r) => ({ ...r, completedInclBatch: r.completed + 10 }));
    const stated = { ...emptyReportedSummary("DISTRICTS"), completedInclBatch: 500604 };
    expect(reconcile(stated, rows)).toEqual([
      { field: "completedInclBatch", kind: "count", reported: 500604, computed: 500684, difference: -80 },
    ]);
    expect(reconcile(stated, districts)).toEqual([]);
  });
});
