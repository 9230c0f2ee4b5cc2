import { describe, expect, it } from "vitest";
import referenceJson from "../../prisma/reference/2021-06.json";
import {
  aggregateAnnexRate,
  aggregateRatio,
  aggregateScope,
  cityFromScopes,
  evaluationDenominator,
  sumCounts,
  sumField,
  weightedRate,
} from "./aggregate";
import { HEADLINE_FIELDS } from "./headline-figures";
import { roundRate } from "./rates";
import { referenceMonthFromJson } from "./reference-fixture";
import type { StatRow } from "./types";

const ref = referenceMonthFromJson(referenceJson);
const { departments, districts, summaries } = ref;

const municipal = aggregateScope(departments, summaries.MUNICIPAL);
const counties = aggregateScope(districts, summaries.DISTRICTS);
const city = cityFromScopes(municipal, counties, summaries.CITY);

describe("sumCounts", () => {
  it("district rows add up to the narrative exactly", () => {
    const sums = sumCounts(districts);
    expect([
      sums.applied,
      sums.accepted,
      sums.completed,
      sums.promisedCompleted,
      sums.onlineApplied,
      sums.onlineAccepted,
      sums.onlineCompleted,
      sums.onlinePromisedCompleted,
    ]).toEqual([1002037, 530147, 500604, 78035, 316615, 309781, 306554, 34163]);
    expect(sums.activeEvaluations).toBe(689911);
    expect(sums.overdueCompleted).toBe(0);
  });

  it("department rows: 46,015 applied and 38,017 accepted (the text says 46,016 and 38,018)", () => {
    const sums = sumCounts(departments);
    expect(sums.applied).toBe(46015);
    expect(sums.accepted).toBe(38017);
    expect(sums.completed).toBe(34944);
    expect(sums.activeEvaluations).toBe(31896);
  });

  it("sums nothing to zeros", () => {
    expect(sumCounts([]).applied).toBe(0);
    expect(sumField(departments, (r) => r.completed - r.overdueCompleted)).toBe(34944);
  });
});

describe("aggregate rates from numerators and denominators", () => {
  it("online share of the counties is 31.60%, not the mean of their shares", () => {
    expect(roundRate(aggregateRatio(districts, "onlineApplied", "applied"))).toBe(31.6);
    const meanOfShares = districts.reduce((s, r) => s + (r.onlineApplied / r.applied) * 100, 0) / districts.length;
    expect(roundRate(meanOfShares)).toBe(35.94);
  });

  it("municipal online share from the rows is 40.92% (18,830 / 46,015)", () => {
    expect(roundRate(aggregateRatio(departments, "onlineApplied", "applied"))).toBe(40.92);
  });

  it("null without a denominator", () => {
    const noCases = departments.filter((r) => r.applied === 0 && r.accepted === 0);
    expect(aggregateRatio(noCases, "onlineApplied", "applied")).toBeNull();
    expect(weightedRate(noCases, "promiseSpeedupRate").value).toBeNull();
  });

  it("网上办理率 aggregates exactly; speed-up rates only approximately", () => {
    expect(aggregateAnnexRate(departments, "onlineHandlingRate")).toEqual({
      value: (13076 / 16379) * 100,
      method: "ratio",
      approximate: false,
    });
    expect(roundRate(aggregateAnnexRate(districts, "onlineHandlingRate").value)).toBe(43.78);
    const promise = aggregateAnnexRate(departments, "promiseSpeedupRate");
    expect(promise).toMatchObject({ method: "weighted", approximate: true, weightField: "promisedCompleted" });
    expect(roundRate(promise.value)).toBe(77.24);
    const online = aggregateAnnexRate(departments, "onlineEarlyCompletionRate");
    expect(online).toMatchObject({ method: "weighted", approximate: true, weightField: "onlinePromisedCompleted" });
    expect(online.value).toBe(100);
    expect(aggregateAnnexRate(departments, "coverageRate")).toEqual({
      value: null,
      method: "unavailable",
      approximate: false,
    });
  });

  it("weights by the denominator, not by unit", () => {
    const two = [
      { ...departments[7], promisedCompleted: 3, earlyCompletionRate: 100 },
      { ...departments[7], promisedCompleted: 1, earlyCompletionRate: 0 },
    ] as StatRow[];
    expect(weightedRate(two, "earlyCompletionRate")).toEqual({
      value: 75,
      approximate: true,
      weightField: "promisedCompleted",
    });
  });
});

describe("evaluation denominators", () => {
  it("departments without 办结件总数（包含批量件）: unknown, never their `completed` (which excludes batch cases)", () => {
    expect(evaluationDenominator(departments)).toEqual({ value: null, basis: null, approximate: false });
    const known = departments.map((r) => ({ ...r, completedInclBatch: r.completed + 10 }));
    expect(evaluationDenominator(known)).toEqual({ value: 34944 + 410, basis: "inclBatch", approximate: false });
    // One unit without it leaves the sum unknown.
    const oneMissing = known.map((r, i) => (i === 0 ? { ...r, completedInclBatch: null } : r));
    expect(evaluationDenominator(oneMissing).value).toBeNull();
  });
  it("districts are implied by their stated rates", () => {
    const d = evaluationDenominator(districts);
    expect(d.basis).toBe("implied");
    expect(d.approximate).toBe(true);
    expect(Math.round(d.value ?? 0)).toBe(733462);
  });
});

describe("aggregateScope: 市本级", () => {
  it("shows the stated totals and the rows' sums side by side", () => {
    expect(municipal.scope).toBe("MUNICIPAL");
    expect(municipal.figures.applied).toEqual({
      value: 46016,
      source: "reported",
      reported: 46016,
      computed: 46015,
      approximate: false,
      difference: 1,
    });
    expect(municipal.figures.accepted).toMatchObject({ value: 38018, computed: 38017, difference: 1 });
    expect(municipal.figures.completed).toMatchObject({ value: 34944, computed: 34944, difference: 0 });
  });

  it("online share 40.92% stated and computed", () => {
    expect(municipal.figures.onlineShare).toEqual({
      value: 40.92,
      source: "reported",
      reported: 40.92,
      computed: 40.92,
      approximate: false,
      difference: 0,
    });
  });

  it("evaluation rate 91.28% as stated; not recomputed over the departments' completions without batch cases", () => {
    expect(municipal.figures.activeEvaluations).toMatchObject({ value: 31896, computed: 31896, difference: 0 });
    // The report's 91.28% is 31,896 / 34,944 (its own practice); the departments' rows give no
    // 办结件总数（包含批量件）, so the only denominator is the one the stated rate implies.
    expect(municipal.figures.activeEvaluationRate).toMatchObject({
      value: 91.28,
      source: "reported",
      approximate: true,
    });
    expect(municipal.evaluationDenominator).toMatchObject({ basis: "implied", approximate: true });
    expect(aggregateScope(departments, null, "MUNICIPAL").figures.activeEvaluationRate).toMatchObject({
      value: null,
      computed: null,
    });
  });

  it("speed-up rates weighted from unit rates are approximate and can be far off", () => {
    expect(municipal.figures.promiseSpeedupRate).toEqual({
      value: 86.05,
      source: "reported",
      reported: 86.05,
      computed: 77.24,
      approximate: true,
      difference: 8.81,
    });
    expect(municipal.figures.handlingSpeedupRate).toMatchObject({ value: 20.04, computed: 78.48, difference: -58.44 });
  });

  it("figures the text does not state are computed; overdue 0 gives 100% on time", () => {
    expect(municipal.figures.overdueCompleted).toMatchObject({
      value: 0,
      source: "computed",
      reported: null,
      difference: null,
    });
    expect(municipal.figures.onTimeCompletionRate).toMatchObject({ value: 100, source: "computed" });
    expect(municipal.figures.satisfactionRate).toEqual({
      value: null,
      source: null,
      reported: null,
      computed: null,
      approximate: false,
      difference: null,
    });
  });

  it("without a summary everything is computed, with the scope inferred from the rows", () => {
    const bare = aggregateScope(departments);
    expect(bare.scope).toBe("MUNICIPAL");
    expect(bare.figures.applied).toMatchObject({ value: 46015, source: "computed" });
    expect(bare.figures.promiseSpeedupRate).toMatchObject({ value: 77.24, source: "approximate" });
    expect(Object.keys(bare.figures)).toEqual([...HEADLINE_FIELDS]);
  });
});

describe("aggregateScope: 县（市、区）", () => {
  it("every stated figure equals the rows", () => {
    for (const field of HEADLINE_FIELDS) {
      const figure = counties.figures[field];
      if (figure.reported !== null) expect([field, figure.difference]).toEqual([field, 0]);
    }
    expect(counties.figures.onlineShare).toMatchObject({ value: 31.6, computed: 31.6 });
  });

  it("evaluation rate ≈ 94.06% from the implied denominators, flagged approximate", () => {
    expect(counties.figures.activeEvaluations).toMatchObject({ value: 689911, source: "computed" });
    expect(counties.figures.activeEvaluationRate).toMatchObject({
      value: 94.06,
      source: "approximate",
      approximate: true,
    });
  });
});

describe("cityFromScopes: 全市 = 市本级 + 县（市、区）", () => {
  it("adds the municipal stated totals to the district sums", () => {
    const values = [
      "applied",
      "accepted",
      "completed",
      "promisedCompleted",
      "onlineApplied",
      "onlineAccepted",
      "onlineCompleted",
      "onlinePromisedCompleted",
      "activeEvaluations",
    ].map((f) => city.figures[f as keyof typeof city.figures].computed);
    expect(values).toEqual([1048053, 568165, 535548, 94414, 335445, 328575, 325413, 47239, 721807]);
    expect(city.scope).toBe("CITY");
    expect(city.figures.applied).toMatchObject({
      value: 1048053,
      reported: 1048053,
      difference: 0,
      source: "reported",
    });
  });

  it("recomputes the online share from the added counts: 335,445 / 1,048,053 = 32.01%", () => {
    expect(city.figures.onlineShare).toEqual({
      value: 32.01,
      source: "reported",
      reported: 32.01,
      computed: 32.01,
      approximate: false,
      difference: 0,
    });
    const derivedOnly = cityFromScopes(municipal, counties);
    expect(derivedOnly.figures.onlineShare).toMatchObject({ value: 32.01, source: "computed" });
    expect(derivedOnly.figures.onTimeCompletionRate).toMatchObject({ value: 100, source: "computed" });
  });

  it("reproduces the city evaluation rate 93.94% approximately", () => {
    expect(city.figures.activeEvaluationRate).toMatchObject({ computed: 93.94, approximate: true, difference: 0 });
    // 市本级's implied by its stated 91.28%, the counties' by theirs: one basis, approximate.
    expect(city.evaluationDenominator).toMatchObject({ basis: "implied", approximate: true });
  });

  it("weights rates known only as rates and flags them", () => {
    expect(city.figures.earlyCompletionRate).toMatchObject({ computed: 100, approximate: true, difference: 0 });
    expect(city.figures.promiseSpeedupRate).toMatchObject({ reported: 85.16, computed: 84.84, approximate: true });
    const derivedOnly = cityFromScopes(municipal, counties);
    expect(derivedOnly.figures.promiseSpeedupRate.source).toBe("approximate");
    expect(derivedOnly.figures.coverageRate.value).toBeNull();
  });

  it("differs from a plain sum of all 49 rows by the municipal one-case gaps", () => {
    const allRows = aggregateScope(ref.rows, summaries.CITY);
    expect(allRows.scope).toBe("CITY");
    expect(allRows.figures.applied).toMatchObject({ reported: 1048053, computed: 1048052, difference: 1 });
    expect(allRows.figures.accepted).toMatchObject({ computed: 568164, difference: 1 });
    expect(allRows.figures.onlineShare).toMatchObject({ computed: 32.01, difference: 0 });
  });
});
