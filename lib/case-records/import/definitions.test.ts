import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "@/lib/calendar/working-days";
import {
  addRollups,
  annexRowFromSums,
  type CaseRecord,
  type CatalogueItem,
  caseInPeriod,
  caseSums,
  coveragePeriodStart,
  coverageSums,
  type EvaluationRecord,
  emptyScopeSums,
  evaluationSums,
  monthBounds,
  rollupCases,
  satisfactionFromSums,
} from "./definitions";

const calendar = new WorkingDayCalendar(2021, 2021);
const M = "2021-06";

function c(partial: Partial<CaseRecord> & { caseNo: string }): CaseRecord {
  const base: CaseRecord = {
    caseNo: partial.caseNo,
    unitId: 1,
    itemCode: "A",
    caseKind: "PROMISED",
    legalDays: 20,
    promisedDays: 5,
    channel: "COUNTER",
    isBatch: false,
    appliedAt: null,
    acceptedAt: null,
    completedAt: null,
    elapsedDays: null,
  };
  const r = { ...base, ...partial };
  if (r.acceptedAt && r.completedAt) r.elapsedDays = calendar.elapsedWorkingDays(r.acceptedAt, r.completedAt);
  return r;
}

// A small month, built by hand: each case says what it should count for.
const cases: CaseRecord[] = [
  // 1 applied+accepted+completed in June across 端午 (Fri→Tue = 1 working day): early.
  c({
    caseNo: "1",
    appliedAt: "2021-06-11 09:00:00",
    acceptedAt: "2021-06-11 10:00:00",
    completedAt: "2021-06-15 10:00:00",
  }),
  // 2 a batch case completed in June: only completedInclBatch.
  c({
    caseNo: "2",
    isBatch: true,
    appliedAt: "2021-06-01 09:00:00",
    acceptedAt: "2021-06-01 09:00:00",
    completedAt: "2021-06-02 09:00:00",
  }),
  // 3 applied and accepted in May, completed in June after 6 working days with 3 promised: overdue.
  c({
    caseNo: "3",
    promisedDays: 3,
    appliedAt: "2021-05-28 09:00:00",
    acceptedAt: "2021-05-28 09:00:00",
    completedAt: "2021-06-07 09:00:00",
  }),
  // 4 online, applied in June, not yet accepted.
  c({ caseNo: "4", channel: "ONLINE", appliedAt: "2021-06-30 23:59:59" }),
  // 5 online 即办件 done the same day: completed, not overdue, not a promised case.
  c({
    caseNo: "5",
    channel: "ONLINE",
    caseKind: "INSTANT",
    legalDays: 1,
    promisedDays: null,
    appliedAt: "2021-06-03 09:00:00",
    acceptedAt: "2021-06-03 09:00:00",
    completedAt: "2021-06-03 11:00:00",
  }),
  // 6 即办件 finished the next working day: overdue (limit 0), still not a promised case.
  c({
    caseNo: "6",
    caseKind: "INSTANT",
    legalDays: 1,
    promisedDays: null,
    appliedAt: "2021-06-03 09:00:00",
    acceptedAt: "2021-06-03 09:00:00",
    completedAt: "2021-06-04 09:00:00",
  }),
  // 7 online promised case finished exactly on its promised limit (2 days, across the 调休-free week): neither early nor overdue.
  c({
    caseNo: "7",
    channel: "ONLINE",
    legalDays: 10,
    promisedDays: 2,
    appliedAt: "2021-06-21 09:00:00",
    acceptedAt: "2021-06-21 09:00:00",
    completedAt: "2021-06-23 09:00:00",
  }),
  // 8 accepted in June, completion in July: accepted only.
  c({
    caseNo: "8",
    itemCode: "B",
    appliedAt: "2021-06-29 09:00:00",
    acceptedAt: "2021-06-29 09:00:00",
    completedAt: "2021-07-02 09:00:00",
  }),
];

function scope(): ReturnType<typeof emptyScopeSums> {
  return addRollups(emptyScopeSums(), rollupCases(cases, M));
}

describe("case counts (non-batch, by time in the month)", () => {
  it("counts applied / accepted / completed by their own time, excluding batch cases", () => {
    const s = scope();
    expect(s.all.applied).toBe(6); // 1 4 5 6 7 8 (3 applied in May, 2 is batch)
    expect(s.all.accepted).toBe(5); // 1 5 6 7 8
    expect(s.all.completed).toBe(5); // 1 3 5 6 7 (completed may exceed accepted-this-month cases)
    expect(s.all.completedInclBatch).toBe(6); // + the batch case 2
  });

  it("counts online cases the same way (申请方式 = 网上申请)", () => {
    const s = scope();
    expect([s.online.applied, s.online.accepted, s.online.completed]).toEqual([3, 2, 2]);
    expect(s.online.promisedCompleted).toBe(1);
  });

  it("promisedCompleted, overdue (elapsed > limit), early (elapsed < limit); equal is neither", () => {
    const s = scope();
    expect(s.all.promisedCompleted).toBe(3); // 1 3 7
    expect(s.all.promisedOverdueCompleted).toBe(1); // 3
    expect(s.all.promisedEarlyCompleted).toBe(1); // 1 (7 is exactly on its limit)
    expect(s.all.overdueCompleted).toBe(2); // 3, and the 即办件 6 finished a day late
    expect(cases[2]!.elapsedDays).toBe(6); // 05-28 (Fri) → 06-07 (Mon): 5/31–6/4, 6/7
  });

  it("speed-up rates from the sums of days over completed 承诺件", () => {
    const s = scope();
    expect(s.all.legalDaysSum).toBe(20 + 20 + 10);
    expect(s.all.promisedDaysSum).toBe(5 + 3 + 2);
    expect(s.all.elapsedDaysSum).toBe(1 + 6 + 2);
    const row = annexRowFromSums(s);
    expect(row.promiseSpeedupRate).toBe(80); // (50 − 10) / 50
    expect(row.handlingSpeedupRate).toBe(82); // (50 − 9) / 50
    expect(row.earlyCompletionRate).toBe(33.33); // 1 / 3
    expect(row.onlineHandlingRate).toBe(33.33); // 1 online of 3 promised completions
    expect(row.onlineHandlingSpeedupRate).toBe(80); // (10 − 2) / 10
    expect(row.onlineEarlyCompletionRate).toBe(0);
  });

  it("handling speed-up goes negative when handling took longer than the legal limit", () => {
    const slow = [
      c({
        caseNo: "s",
        legalDays: 2,
        promisedDays: 1,
        acceptedAt: "2021-06-01 09:00:00",
        completedAt: "2021-06-08 09:00:00",
      }),
    ];
    const row = annexRowFromSums(addRollups(emptyScopeSums(), rollupCases(slow, M)));
    expect(row.handlingSpeedupRate).toBe(-150); // (2 − 5) / 2
  });

  it("a case's contribution is the same whichever way it is summed", () => {
    const total = rollupCases(cases, M).reduce((n, r) => n + r.applied, 0);
    expect(total).toBe(cases.reduce((n, x) => n + caseSums(x, M).applied, 0));
  });

  it("month bounds are local times, December rolls over", () => {
    expect(monthBounds("2021-06")).toEqual({ from: "2021-06-01 00:00:00", to: "2021-07-01 00:00:00" });
    expect(monthBounds("2021-12").to).toBe("2022-01-01 00:00:00");
  });
});

describe("evaluations (好差评)", () => {
  const e = (n: string, partial: Partial<EvaluationRecord>): EvaluationRecord => ({
    evaluationNo: n,
    caseNo: "x",
    unitId: 1,
    evaluatedAt: "2021-06-10 10:00:00",
    level: 1,
    kind: "ACTIVE",
    ...partial,
  });
  const evaluations = [
    // evaluation in June of a case finished in April (not in June's cases at all): counts.
    e("1", { caseNo: "finished-in-april" }),
    e("2", { level: 4 }),
    e("3", { kind: "DEFAULT", level: 2 }), // default: satisfaction only
    e("4", { evaluatedAt: "2021-05-31 23:59:59" }), // May: nothing
    e("5", { unitId: 2, level: 3 }),
  ];

  it("activeEvaluations: 主动评价 with 评价时间 in the month, whatever month the case finished in", () => {
    const byUnit = evaluationSums(evaluations, M);
    expect(byUnit.get(1)!.activeEvaluations).toBe(2);
    expect(byUnit.get(2)!.activeEvaluations).toBe(1);
  });

  it("satisfaction: 非常满意/满意/基本满意 over all evaluations of the month, default ones included", () => {
    const s = emptyScopeSums();
    const sums = evaluationSums(evaluations, M).get(1)!;
    Object.assign(s.evaluations, sums);
    expect(sums).toEqual({ activeEvaluations: 2, evaluations: 3, satisfiedEvaluations: 2 });
    expect(satisfactionFromSums(s)).toBeCloseTo(66.667, 2);
  });
});

describe("coverageRate", () => {
  const catalogue: CatalogueItem[] = [
    { unitId: 1, itemCode: "A", inUse: true },
    { unitId: 1, itemCode: "B", inUse: true },
    { unitId: 1, itemCode: "C", inUse: true },
    { unitId: 1, itemCode: "D", inUse: false }, // 停用: not counted, even with cases
    { unitId: 2, itemCode: "A", inUse: true }, // same code, another unit: its own item
  ];
  const history: CaseRecord[] = [
    c({
      caseNo: "h1",
      itemCode: "C",
      appliedAt: "2021-02-01 09:00:00",
      acceptedAt: "2021-02-01 09:00:00",
      completedAt: "2021-02-02 09:00:00",
    }),
    c({ caseNo: "h2", itemCode: "D", appliedAt: "2021-06-01 09:00:00" }),
    c({ caseNo: "h3", itemCode: "B", isBatch: true, completedAt: "2021-06-10 09:00:00" }), // batch cases count for coverage
  ];
  const all = [...cases, ...history];

  it("month: in-use items with a case that has any of its three times in the month", () => {
    const from = coveragePeriodStart(M, "month");
    const cov = coverageSums(
      catalogue,
      all.filter((x) => caseInPeriod(x, from, M)),
    );
    expect(cov.get(1)).toEqual({ itemsInUse: 3, itemsInUseWithCases: 2 }); // A, B
    expect(cov.get(2)).toEqual({ itemsInUse: 1, itemsInUseWithCases: 0 });
    const s = emptyScopeSums();
    s.coverage = cov.get(1)!;
    expect(annexRowFromSums(s).coverageRate).toBe(66.67);
  });

  it("year to date: a case in February covers its item in June", () => {
    const from = coveragePeriodStart(M, "yearToDate");
    expect(from).toBe("2021-01");
    const cov = coverageSums(
      catalogue,
      all.filter((x) => caseInPeriod(x, from, M)),
    );
    expect(cov.get(1)).toEqual({ itemsInUse: 3, itemsInUseWithCases: 3 });
  });

  it("no item in use: 0.00 as the annex prints it", () => {
    expect(annexRowFromSums(emptyScopeSums()).coverageRate).toBe(0);
  });
});
