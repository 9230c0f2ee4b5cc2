// Every figure of the annex, defined once on the platform's records (办件明细, 好差评, 实施清单),
// in GLOSSARY.md's terms. Each count is one entry of CASE_SUMS / EVALUATION_SUMS holding, side
// by side, its meaning, the choice made where the report's note 注1–9 can be read two ways,
// the predicate in TypeScript (unit tests, drill-down) and the same predicate as the SQL
// aggregate the rollup runs (lib/case-records/import/rollups.ts). The two are checked against each other on
// the same records (rollups.test.ts). Rates are computed from the stored sums only, with the
// functions of lib/indicators/rates.ts, so every aggregate (a unit, 市本级, 全市) is exact.
import {
  coverageRate,
  earlyCompletionRate,
  handlingSpeedupRate,
  onlineHandlingRate,
  promiseSpeedupRate,
  roundRate,
  satisfactionRate,
} from "@/lib/indicators/rates";
import type { AnnexField } from "@/lib/indicators/types";

/** 办件类型: 即办件 (handled on the spot) / 承诺件 (with a promised deadline). */
export type CaseKind = "INSTANT" | "PROMISED";
/** 申请方式: 网上申请 / 窗口申请. */
export type Channel = "ONLINE" | "COUNTER";
/** 评价类型: 主动评价 (given by the citizen) / 默认评价 (filled in by the system). */
export type EvaluationKind = "ACTIVE" | "DEFAULT";

/** 评价等级, 1 = 非常满意 … 5 = 非常不满意 (the order of the platform's list). */
export const EVALUATION_LEVELS = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"] as const;
export type EvaluationLevel = 1 | 2 | 3 | 4 | 5;
/**
 * Choice: 满意 counts levels 1–3 (非常满意, 满意, 基本满意) as satisfied, 不满意 and 非常不满意
 * as not (the 好差评 system's 好评 / 差评 split).
 */
export function isSatisfied(level: EvaluationLevel): boolean {
  return level <= 3;
}

/** One 办件 as the figures see it (no personal data: the platform's own fields only). */
export type CaseRecord = {
  caseNo: string;
  unitId: number;
  itemCode: string;
  caseKind: CaseKind;
  legalDays: number | null;
  promisedDays: number | null;
  channel: Channel;
  isBatch: boolean;
  /** `YYYY-MM-DD HH:mm:ss`, local time as the platform writes it; null when not reached. */
  appliedAt: string | null;
  acceptedAt: string | null;
  completedAt: string | null;
  /** Working days from 受理 to 办结 (lib/calendar/working-days.ts); null unless both are set. */
  elapsedDays: number | null;
};

export type EvaluationRecord = {
  evaluationNo: string;
  caseNo: string;
  unitId: number;
  evaluatedAt: string;
  level: EvaluationLevel;
  kind: EvaluationKind;
};

export type CatalogueItem = { unitId: number; itemCode: string; inUse: boolean };

/** "YYYY-MM" → the SQL bounds of the month, as timestamp literals (local time, no zone). */
export function monthBounds(month: string): { from: string; to: string } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: `${month}-01 00:00:00`, to: `${next}-01 00:00:00` };
}

/** A time falls in the month when its calendar month is the month (the time is local time). */
export function inMonth(time: string | null, month: string): boolean {
  return time?.startsWith(month) === true;
}
/** The same test in SQL; `:from`/`:to` are the month's bounds (monthBounds), bound as parameters. */
function inMonthSql(column: string): string {
  return `(${column} >= :from AND ${column} < :to)`;
}

/**
 * The time limit a completion is measured against. Choice: a 承诺件's limit is its 承诺办结时限;
 * a 即办件 is promised "on the spot", so its limit is its 承诺办结时限 when the record gives one,
 * else 0 working days (done the day it is accepted, or on a non-working day after it).
 */
export function limitDays(c: Pick<CaseRecord, "promisedDays">): number {
  return c.promisedDays ?? 0;
}
const LIMIT_SQL = `coalesce("promisedDays", 0)`;

const NON_BATCH = `NOT "isBatch"`;
const COMPLETED_SQL = `${NON_BATCH} AND ${inMonthSql(`"completedAt"`)}`;
const PROMISED_COMPLETED_SQL = `${COMPLETED_SQL} AND "caseKind" = 'PROMISED'`;

function completedInMonth(c: CaseRecord, month: string): boolean {
  return !c.isBatch && inMonth(c.completedAt, month);
}
function promisedCompletedInMonth(c: CaseRecord, month: string): boolean {
  return completedInMonth(c, month) && c.caseKind === "PROMISED";
}

/** The sums stored per month × unit × item × channel: every figure of a unit comes from them. */
export const CASE_SUM_FIELDS = [
  "applied",
  "accepted",
  "completed",
  "overdueCompleted",
  "promisedCompleted",
  "promisedOverdueCompleted",
  "promisedEarlyCompleted",
  "legalDaysSum",
  "promisedDaysSum",
  "elapsedDaysSum",
  "completedInclBatch",
] as const;
export type CaseSumField = (typeof CASE_SUM_FIELDS)[number];
export type CaseSums = Record<CaseSumField, number>;

export type SumDefinition<R> = {
  /** 中文 label as the report names it. */
  label: string;
  /** The definition in words (UI definitions, README). */
  definition: string;
  /** Where the note can be read two ways: the reading chosen. */
  choice?: string;
  /** The case's contribution (1/0 for counts, days for sums). */
  value(record: R, month: string): number;
  /** The same as an SQL aggregate over the case table (`:from`, `:to` bound to the month). */
  sql: string;
};

export const CASE_SUMS: Record<CaseSumField, SumDefinition<CaseRecord>> = {
  applied: {
    label: "申请件",
    definition: "申请时间在本月的非批量件",
    choice: "按申请时间归月；批量件（是否批量件=是）不计入办件量（2021-06 通报口径）",
    value: (c, m) => (!c.isBatch && inMonth(c.appliedAt, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${NON_BATCH} AND ${inMonthSql(`"appliedAt"`)})`,
  },
  accepted: {
    label: "受理件",
    definition: "受理时间在本月的非批量件",
    value: (c, m) => (!c.isBatch && inMonth(c.acceptedAt, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${NON_BATCH} AND ${inMonthSql(`"acceptedAt"`)})`,
  },
  completed: {
    label: "办结件",
    definition: "办结时间在本月的非批量件（含以前月份受理的）",
    value: (c, m) => (completedInMonth(c, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${COMPLETED_SQL})`,
  },
  overdueCompleted: {
    label: "超时办结件",
    definition: "本月办结的非批量件中，实际办理时间（工作日）大于时限的",
    choice:
      "承诺件的时限为承诺办结时限；即办件为当场办结，时限取其承诺办结时限，未填写时为 0 个工作日。实际办理时间等于时限不算超时",
    value: (c, m) => (completedInMonth(c, m) && (c.elapsedDays ?? 0) > limitDays(c) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${COMPLETED_SQL} AND coalesce("elapsedDays", 0) > ${LIMIT_SQL})`,
  },
  promisedCompleted: {
    label: "承诺件办结",
    definition: "本月办结的非批量承诺件（办件类型=承诺件）",
    choice: "承诺件以办件明细的办件类型为准，不以承诺时限是否短于法定时限推断",
    value: (c, m) => (promisedCompletedInMonth(c, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${PROMISED_COMPLETED_SQL})`,
  },
  promisedOverdueCompleted: {
    label: "承诺件超时办结",
    definition: "本月办结的承诺件中，实际办理时间 > 承诺办结时限的",
    value: (c, m) => (promisedCompletedInMonth(c, m) && (c.elapsedDays ?? 0) > limitDays(c) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${PROMISED_COMPLETED_SQL} AND coalesce("elapsedDays", 0) > ${LIMIT_SQL})`,
  },
  promisedEarlyCompleted: {
    label: "提前办结件",
    definition: "本月办结的承诺件中，实际办理时间 < 承诺办结时限的",
    choice: "恰好在承诺时限当天办结的既不超时也不算提前",
    value: (c, m) => (promisedCompletedInMonth(c, m) && (c.elapsedDays ?? 0) < limitDays(c) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${PROMISED_COMPLETED_SQL} AND coalesce("elapsedDays", 0) < ${LIMIT_SQL})`,
  },
  legalDaysSum: {
    label: "Σ 法定办结时限",
    definition: "本月办结承诺件的法定办结时限（工作日）之和",
    value: (c, m) => (promisedCompletedInMonth(c, m) ? (c.legalDays ?? 0) : 0),
    sql: `coalesce(sum("legalDays") FILTER (WHERE ${PROMISED_COMPLETED_SQL}), 0)`,
  },
  promisedDaysSum: {
    label: "Σ 承诺办结时限",
    definition: "本月办结承诺件的承诺办结时限（工作日）之和",
    value: (c, m) => (promisedCompletedInMonth(c, m) ? limitDays(c) : 0),
    sql: `coalesce(sum(${LIMIT_SQL}) FILTER (WHERE ${PROMISED_COMPLETED_SQL}), 0)`,
  },
  elapsedDaysSum: {
    label: "Σ 实际办理时间",
    definition: "本月办结承诺件的实际办理时间（工作日，受理次日起算）之和",
    value: (c, m) => (promisedCompletedInMonth(c, m) ? (c.elapsedDays ?? 0) : 0),
    sql: `coalesce(sum(coalesce("elapsedDays", 0)) FILTER (WHERE ${PROMISED_COMPLETED_SQL}), 0)`,
  },
  completedInclBatch: {
    label: "办结件总数（包含批量件）",
    definition: "办结时间在本月的全部办件，含批量件（主动评价率的分母）",
    value: (c, m) => (inMonth(c.completedAt, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${inMonthSql(`"completedAt"`)})`,
  },
};

export const EVALUATION_SUM_FIELDS = ["activeEvaluations", "evaluations", "satisfiedEvaluations"] as const;
export type EvaluationSumField = (typeof EVALUATION_SUM_FIELDS)[number];
export type EvaluationSums = Record<EvaluationSumField, number>;

export const EVALUATION_SUMS: Record<EvaluationSumField, SumDefinition<EvaluationRecord>> = {
  activeEvaluations: {
    label: "办件主动评价数",
    definition: "评价时间在本月的主动评价，按评价记录的实施主体归属",
    choice: "按评价时间归月，不论所评办件在哪个月办结；批量件的评价也计入（2021-06 通报口径）",
    value: (e, m) => (e.kind === "ACTIVE" && inMonth(e.evaluatedAt, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE "kind" = 'ACTIVE' AND ${inMonthSql(`"evaluatedAt"`)})`,
  },
  evaluations: {
    label: "评价总数",
    definition: "评价时间在本月的全部评价（主动与默认）",
    choice: "满意率的分母含默认评价",
    value: (e, m) => (inMonth(e.evaluatedAt, m) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${inMonthSql(`"evaluatedAt"`)})`,
  },
  satisfiedEvaluations: {
    label: "满意评价数",
    definition: "评价时间在本月、评价等级为非常满意、满意或基本满意的评价",
    value: (e, m) => (inMonth(e.evaluatedAt, m) && isSatisfied(e.level) ? 1 : 0),
    sql: `count(*) FILTER (WHERE ${inMonthSql(`"evaluatedAt"`)} AND "level" <= 3)`,
  },
};

/** 办件覆盖率's period: the month alone, or the year up to and including the month. */
export type CoveragePeriod = "month" | "yearToDate";
export const COVERAGE_PERIODS: readonly CoveragePeriod[] = ["month", "yearToDate"];
/**
 * Choice (a setting, `cases.coveragePeriod`): an item in use counts as covered when at least
 * one case of it (batch cases included, matched on 实施主体 + 事项编码) has its 申请, 受理 or 办结
 * time in the period. Default: the year to date — the 2021-06 report gives units with no case
 * in June a coverage above 0 (市委宣传部: 0 cases, 50%), which a month-only reading cannot.
 */
export const DEFAULT_COVERAGE_PERIOD: CoveragePeriod = "yearToDate";

/** The first month of the coverage period ending with `month`. */
export function coveragePeriodStart(month: string, period: CoveragePeriod): string {
  return period === "month" ? month : `${month.slice(0, 4)}-01`;
}

export type CoverageSums = { itemsInUse: number; itemsInUseWithCases: number };

/** Does a case fall in the months [fromMonth, toMonth] by any of its three times. */
export function caseInPeriod(c: CaseRecord, fromMonth: string, toMonth: string): boolean {
  return [c.appliedAt, c.acceptedAt, c.completedAt].some(
    (t) => t !== null && t.slice(0, 7) >= fromMonth && t.slice(0, 7) <= toMonth,
  );
}

export function emptyCaseSums(): CaseSums {
  return Object.fromEntries(CASE_SUM_FIELDS.map((f) => [f, 0])) as CaseSums;
}
export function emptyEvaluationSums(): EvaluationSums {
  return { activeEvaluations: 0, evaluations: 0, satisfiedEvaluations: 0 };
}
export function addCaseSums(into: CaseSums, more: CaseSums): CaseSums {
  for (const f of CASE_SUM_FIELDS) into[f] += more[f];
  return into;
}

/** One case's contribution to its rollup row. */
export function caseSums(c: CaseRecord, month: string): CaseSums {
  const sums = emptyCaseSums();
  for (const f of CASE_SUM_FIELDS) sums[f] = CASE_SUMS[f].value(c, month);
  return sums;
}

/** Rollup key: month × unit × item × channel (the month is the import's). */
export type RollupKey = { unitId: number; itemCode: string; channel: Channel };
export type CaseRollup = RollupKey & CaseSums;

/** The rollup in TypeScript (tests, small sets): the SQL rollup must give the same rows. */
export function rollupCases(cases: Iterable<CaseRecord>, month: string): CaseRollup[] {
  const rows = new Map<string, CaseRollup>();
  for (const c of cases) {
    const key = `${c.unitId}\u0000${c.itemCode}\u0000${c.channel}`;
    let row = rows.get(key);
    if (!row) {
      row = { unitId: c.unitId, itemCode: c.itemCode, channel: c.channel, ...emptyCaseSums() };
      rows.set(key, row);
    }
    addCaseSums(row, caseSums(c, month));
  }
  return [...rows.values()];
}

export function evaluationSums(evaluations: Iterable<EvaluationRecord>, month: string): Map<number, EvaluationSums> {
  const byUnit = new Map<number, EvaluationSums>();
  for (const e of evaluations) {
    let sums = byUnit.get(e.unitId);
    if (!sums) byUnit.set(e.unitId, (sums = emptyEvaluationSums()));
    for (const f of EVALUATION_SUM_FIELDS) sums[f] += EVALUATION_SUMS[f].value(e, month);
  }
  return byUnit;
}

/** Coverage per unit: catalogue items in use, and those of them with a case in the period. */
export function coverageSums(
  catalogue: Iterable<CatalogueItem>,
  casesInPeriod: Iterable<Pick<CaseRecord, "unitId" | "itemCode">>,
): Map<number, CoverageSums> {
  const covered = new Set<string>();
  for (const c of casesInPeriod) covered.add(`${c.unitId}\u0000${c.itemCode}`);
  const byUnit = new Map<number, CoverageSums>();
  for (const item of catalogue) {
    if (!item.inUse) continue;
    let sums = byUnit.get(item.unitId);
    if (!sums) byUnit.set(item.unitId, (sums = { itemsInUse: 0, itemsInUseWithCases: 0 }));
    sums.itemsInUse++;
    if (covered.has(`${item.unitId}\u0000${item.itemCode}`)) sums.itemsInUseWithCases++;
  }
  return byUnit;
}

/** Everything one scope (an item, a unit, 市本级, 全市) needs, split by channel where it matters. */
export type ScopeSums = {
  all: CaseSums;
  online: CaseSums;
  evaluations: EvaluationSums;
  coverage: CoverageSums;
};

export function emptyScopeSums(): ScopeSums {
  return {
    all: emptyCaseSums(),
    online: emptyCaseSums(),
    evaluations: emptyEvaluationSums(),
    coverage: { itemsInUse: 0, itemsInUseWithCases: 0 },
  };
}

export function addScopeSums(into: ScopeSums, more: ScopeSums): ScopeSums {
  addCaseSums(into.all, more.all);
  addCaseSums(into.online, more.online);
  for (const f of EVALUATION_SUM_FIELDS) into.evaluations[f] += more.evaluations[f];
  into.coverage.itemsInUse += more.coverage.itemsInUse;
  into.coverage.itemsInUseWithCases += more.coverage.itemsInUseWithCases;
  return into;
}

/** Adds rollup rows (any channels) into a scope's sums. */
export function addRollups(into: ScopeSums, rollups: Iterable<CaseRollup>): ScopeSums {
  for (const r of rollups) {
    addCaseSums(into.all, r);
    if (r.channel === "ONLINE") addCaseSums(into.online, r);
  }
  return into;
}

/**
 * Choice: a rate with no denominator (no promised completion, no item in use) is 0.00, as the
 * annex prints it; the pages show such a unit as 本月无办件 rather than as 0%.
 */
function rate(value: number | null): number {
  return roundRate(value ?? 0);
}

/** An annex row (附件1/附件2, 19 columns) from a scope's sums: rates rounded as the annex prints. */
export function annexRowFromSums(s: ScopeSums): Record<AnnexField, number> {
  return {
    applied: s.all.applied,
    accepted: s.all.accepted,
    completed: s.all.completed,
    overdueCompleted: s.all.overdueCompleted,
    promisedCompleted: s.all.promisedCompleted,
    promisedOverdueCompleted: s.all.promisedOverdueCompleted,
    promiseSpeedupRate: rate(promiseSpeedupRate(s.all.legalDaysSum, s.all.promisedDaysSum)),
    handlingSpeedupRate: rate(handlingSpeedupRate(s.all.legalDaysSum, s.all.elapsedDaysSum)),
    earlyCompletionRate: rate(earlyCompletionRate(s.all.promisedEarlyCompleted, s.all.promisedCompleted)),
    onlineApplied: s.online.applied,
    onlineAccepted: s.online.accepted,
    onlineCompleted: s.online.completed,
    onlinePromisedCompleted: s.online.promisedCompleted,
    onlinePromisedOverdueCompleted: s.online.promisedOverdueCompleted,
    // 网上办理率: online 承诺件 completions among all 承诺件 completions (the annex's own reading).
    onlineHandlingRate: rate(onlineHandlingRate(s.online.promisedCompleted, s.all.promisedCompleted)),
    onlineHandlingSpeedupRate: rate(handlingSpeedupRate(s.online.legalDaysSum, s.online.elapsedDaysSum)),
    onlineEarlyCompletionRate: rate(earlyCompletionRate(s.online.promisedEarlyCompleted, s.online.promisedCompleted)),
    activeEvaluations: s.evaluations.activeEvaluations,
    coverageRate: rate(coverageRate(s.coverage.itemsInUseWithCases, s.coverage.itemsInUse)),
  };
}

/** 满意率 of a scope, unrounded; null without evaluations. */
export function satisfactionFromSums(s: ScopeSums): number | null {
  return satisfactionRate(s.evaluations.satisfiedEvaluations, s.evaluations.evaluations);
}
