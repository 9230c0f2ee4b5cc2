// From the rollups to a month version's rows: one MonthlyStat row per active unit (every count
// and rate of the annex, from the unit's sums) and the summaries of 全市, 市本级 and 县（市、区）
// computed exactly from the sums of their units — no rate is ever averaged.
import {
  activeEvaluationRate,
  coverageRate,
  earlyCompletionRate,
  handlingSpeedupRate,
  onlineShare,
  onTimeCompletionRate,
  promiseSpeedupRate,
  roundRate,
} from "@/lib/indicators/rates";
import type { SummaryScope, UnitKind } from "@/lib/indicators/types";
import type { StatInput, SummaryInput } from "@/lib/month-versions";
import {
  addRollups,
  addScopeSums,
  annexRowFromSums,
  type CaseRollup,
  emptyScopeSums,
  type ScopeSums,
  satisfactionFromSums,
} from "./definitions";
import type { UnitRollup } from "./rollups";

export type MonthUnit = { id: number; kind: UnitKind; sortOrder: number };

export function unitScopeSums(rollups: {
  cases: readonly CaseRollup[];
  units: readonly UnitRollup[];
}): Map<number, ScopeSums> {
  const byUnit = new Map<number, ScopeSums>();
  const get = (unitId: number) => {
    let s = byUnit.get(unitId);
    if (!s) byUnit.set(unitId, (s = emptyScopeSums()));
    return s;
  };
  for (const r of rollups.cases) addRollups(get(r.unitId), [r]);
  for (const u of rollups.units) {
    const s = get(u.unitId);
    s.evaluations.activeEvaluations += u.activeEvaluations;
    s.evaluations.evaluations += u.evaluations;
    s.evaluations.satisfiedEvaluations += u.satisfiedEvaluations;
    s.coverage.itemsInUse += u.itemsInUse;
    s.coverage.itemsInUseWithCases += u.itemsInUseWithCases;
  }
  return byUnit;
}

export function statInputs(units: readonly MonthUnit[], sums: ReadonlyMap<number, ScopeSums>): StatInput[] {
  return [...units]
    .sort((a, b) => (a.kind === b.kind ? a.sortOrder - b.sortOrder : a.kind === "DEPARTMENT" ? -1 : 1))
    .map((unit) => {
      const s = sums.get(unit.id) ?? emptyScopeSums();
      return {
        unitId: unit.id,
        seq: unit.sortOrder,
        ...annexRowFromSums(s),
        completedInclBatch: s.all.completedInclBatch,
        activeEvaluationRateReported: null,
      };
    });
}

const r = (value: number | null) => (value === null ? null : roundRate(value));

/** The figures the bulletin's text states for a scope, exact from the scope's sums. */
export function scopeSummary(scope: SummaryScope, s: ScopeSums): SummaryInput {
  return {
    scope,
    applied: s.all.applied,
    accepted: s.all.accepted,
    completed: s.all.completed,
    overdueCompleted: s.all.overdueCompleted,
    promisedCompleted: s.all.promisedCompleted,
    promiseSpeedupRate: r(promiseSpeedupRate(s.all.legalDaysSum, s.all.promisedDaysSum)),
    handlingSpeedupRate: r(handlingSpeedupRate(s.all.legalDaysSum, s.all.elapsedDaysSum)),
    earlyCompletionRate: r(earlyCompletionRate(s.all.promisedEarlyCompleted, s.all.promisedCompleted)),
    onlineApplied: s.online.applied,
    onlineShare: r(onlineShare(s.online.applied, s.all.applied)),
    onlineAccepted: s.online.accepted,
    onlineCompleted: s.online.completed,
    onlinePromisedCompleted: s.online.promisedCompleted,
    onlineEarlyCompletionRate: r(earlyCompletionRate(s.online.promisedEarlyCompleted, s.online.promisedCompleted)),
    onTimeCompletionRate: r(onTimeCompletionRate(s.all.completed, s.all.overdueCompleted)),
    activeEvaluations: s.evaluations.activeEvaluations,
    completedInclBatch: s.all.completedInclBatch,
    activeEvaluationRate: r(activeEvaluationRate(s.evaluations.activeEvaluations, s.all.completedInclBatch)),
    satisfactionRate: r(satisfactionFromSums(s)),
    coverageRate: r(coverageRate(s.coverage.itemsInUseWithCases, s.coverage.itemsInUse)),
  };
}

export function monthSummaries(units: readonly MonthUnit[], sums: ReadonlyMap<number, ScopeSums>): SummaryInput[] {
  const municipal = emptyScopeSums();
  const districts = emptyScopeSums();
  for (const unit of units) {
    const s = sums.get(unit.id);
    if (s) addScopeSums(unit.kind === "DEPARTMENT" ? municipal : districts, s);
  }
  const city = addScopeSums(addScopeSums(emptyScopeSums(), municipal), districts);
  return [scopeSummary("CITY", city), scopeSummary("MUNICIPAL", municipal), scopeSummary("DISTRICTS", districts)];
}
