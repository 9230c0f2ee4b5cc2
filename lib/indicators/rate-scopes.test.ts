// No rate from two scopes (issue 23, item 1). Three nets: (1) every formula the product
// computes a rate with, walked from the tables aggregate.ts and rates.ts read, has its numerator
// and denominator in one scope (COUNT_SCOPES); (2) generated months in which batch cases make
// evaluations outnumber this month's completions: no rate computed from counts (not stated)
// exceeds 100% on any surface — figure decisions, unit rows, the 好差评 page's lines, the
// bulletin's text, the problems — where the generator bounds it (a mixed ratio would not be);
// (3) a 2021-07 entered from its annex alone: the city's and 通川区's rates are missing with the
// reason, not 134.78% / 341.83%.
import { describe, expect, it } from "vitest";
import { buildBulletin, bulletinPlainText } from "@/lib/bulletin/build";
import { evaluationsSection } from "@/lib/dashboard/sections/evaluations";
import { weakestUnits } from "@/lib/dashboard/sections/weakest-units";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { aggregateRatio, HEADLINE_RATES } from "./aggregate";
import {
  ANNEX_COLUMNS,
  COUNT_FIELDS,
  COUNT_SCOPES,
  formulaScope,
  RATE_BASES,
  RATE_FIELDS,
  RATE_WEIGHTS,
  RATIO_FORMULAS,
  STATED_RATE_SCOPES,
} from "./annex-columns";
import { decideMonthFigures, SCOPE_KEYS } from "./figure-decision";
import { HEADLINE_FIELDS } from "./headline-figures";
import { monthScopes } from "./month-scopes";
import { findProblems } from "./problems";
import { rowActiveEvaluationRate } from "./rates";
import { referenceMonthFromJson } from "./reference-fixture";
import { emptyReportedSummary, type ReportedSummary, type StatRow, type SummaryScope } from "./types";

describe("every rate formula pairs a numerator and a denominator of one scope", () => {
  it("the ratio formulas", () => {
    for (const [rate, formula] of Object.entries(RATIO_FORMULAS)) {
      expect([rate, formulaScope(formula)]).not.toEqual([rate, null]);
    }
    expect(formulaScope(RATIO_FORMULAS.activeEvaluationRate)).toBe("inclBatch");
  });

  it("catches a mixed pair: evaluations (batch cases included) over this month's completions", () => {
    expect(formulaScope({ plus: ["activeEvaluations"], minus: [], denominator: "completed" })).toBeNull();
    const rows = referenceMonthFromJson(reference).rows;
    expect(() => aggregateRatio(rows, "activeEvaluations", "completed")).toThrow(/different scopes/);
    expect(aggregateRatio(rows, "onlineApplied", "applied")).not.toBeNull();
  });

  it("every headline rate of a scope: its formula, or its weight in the rate's scope", () => {
    for (const [field, method] of Object.entries(HEADLINE_RATES)) {
      if (method.method === "ratio" || method.method === "evaluation") {
        expect([field, formulaScope(method.formula)]).not.toEqual([field, null]);
        // The formula is the table's own: no rate is divided anywhere else.
        expect(Object.values(RATIO_FORMULAS)).toContain(method.formula);
      } else if (method.method === "weighted") {
        expect([field, COUNT_SCOPES[method.weightField]]).toEqual([field, STATED_RATE_SCOPES[method.rateField]]);
      }
    }
  });

  it("every annex rate's weight and base is a count of the rate's scope", () => {
    for (const [rate, weight] of Object.entries(RATE_WEIGHTS)) {
      expect([rate, COUNT_SCOPES[weight]]).toEqual([rate, STATED_RATE_SCOPES[rate as keyof typeof STATED_RATE_SCOPES]]);
    }
    for (const [rate, base] of Object.entries(RATE_BASES)) {
      expect([rate, COUNT_SCOPES[base!]]).toEqual([rate, STATED_RATE_SCOPES[rate as keyof typeof STATED_RATE_SCOPES]]);
    }
    // Every count has a scope, every rate but coverage (catalogue) one too.
    for (const field of COUNT_FIELDS) expect(COUNT_SCOPES[field]).toBeDefined();
    expect(RATE_FIELDS.filter((f) => !(f in STATED_RATE_SCOPES))).toEqual(["coverageRate"]);
    expect(ANNEX_COLUMNS.length).toBe(COUNT_FIELDS.length + RATE_FIELDS.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated months

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed by its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Generated = { rows: StatRow[]; summaries: Partial<Record<SummaryScope, ReportedSummary>> };

/**
 * A month whose every rate is bounded by 100% on its own scope: online ≤ all, overdue ≤
 * completed, evaluations ≤ completions including batch cases — but batch cases make evaluations
 * exceed this month's completions (without them) in most rows, so a mixed ratio goes above 100%.
 * Some rows give 办结件总数（包含批量件）, some a stated rate (≤ 100), some neither.
 */
function generateMonth(seed: number): Generated {
  const random = prng(seed);
  const int = (max: number) => Math.floor(random() * (max + 1));
  const rate = () => Math.round(random() * 10000) / 100;
  const rows: StatRow[] = [];
  for (let i = 0; i < 12; i++) {
    const kind = i < 8 ? "DEPARTMENT" : "DISTRICT";
    const applied = int(5000);
    const onlineApplied = int(applied);
    const accepted = int(applied);
    const completed = int(applied);
    const onlineCompleted = int(Math.min(completed, onlineApplied));
    const promisedCompleted = int(completed);
    const onlinePromisedCompleted = int(Math.min(promisedCompleted, onlineCompleted));
    const batch = int(3 * completed + 100);
    const inclBatch = completed + batch;
    const activeEvaluations = int(inclBatch);
    const given = random();
    rows.push({
      unitCode: `${kind === "DEPARTMENT" ? "d" : "x"}${i}`,
      unitName: `单位${i}`,
      kind,
      seq: i + 1,
      applied,
      accepted,
      completed,
      overdueCompleted: int(completed),
      promisedCompleted,
      promisedOverdueCompleted: int(promisedCompleted),
      promiseSpeedupRate: rate(),
      handlingSpeedupRate: rate(),
      earlyCompletionRate: rate(),
      onlineApplied,
      onlineAccepted: int(Math.min(onlineApplied, accepted)),
      onlineCompleted,
      onlinePromisedCompleted,
      onlinePromisedOverdueCompleted: int(onlinePromisedCompleted),
      onlineHandlingRate: rate(),
      onlineHandlingSpeedupRate: rate(),
      onlineEarlyCompletionRate: rate(),
      activeEvaluations,
      coverageRate: rate(),
      completedInclBatch: given < 0.4 ? inclBatch : null,
      activeEvaluationRateReported:
        given >= 0.4 && given < 0.6 && inclBatch > 0 ? Math.round((activeEvaluations / inclBatch) * 10000) / 100 : null,
    });
  }
  const summaries: Partial<Record<SummaryScope, ReportedSummary>> = {};
  if (random() < 0.3) {
    const city = rows.reduce((s, r) => s + r.completed, 0) * 4 + 100 * rows.length;
    summaries.CITY = { ...emptyReportedSummary("CITY"), completedInclBatch: city };
  }
  return { rows, summaries };
}

/** Every "12.34%" a text prints, as numbers. */
function percentsIn(text: string): number[] {
  return [...text.matchAll(/(-?\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
}

const BOUND = 100.005; // 100% as printed (two decimals)

describe("no rate computed from counts exceeds 100% where its definition bounds it (generated months)", () => {
  const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);

  it("the generator makes mixed ratios exceed 100% (so the check can fail)", () => {
    let mixedAbove = 0;
    for (const seed of SEEDS) {
      for (const row of generateMonth(seed).rows) {
        if (row.completed > 0 && row.activeEvaluations / row.completed > 1) mixedAbove++;
      }
    }
    expect(mixedAbove).toBeGreaterThan(100);
  });

  it("figure decisions of every scope, unit rows, the 好差评 page, the bulletin, the problems", () => {
    for (const seed of SEEDS) {
      const month = generateMonth(seed);
      const previous = generateMonth(seed + 10_000);
      const scopes = monthScopes(month.rows, month.summaries);
      const decisions = decideMonthFigures(scopes);
      for (const scope of SCOPE_KEYS) {
        for (const field of HEADLINE_FIELDS) {
          const d = decisions[scope][field];
          if (d.kind !== "rate" || d.value === null || d.status === "stated") continue;
          expect.soft(d.value, `seed ${seed} ${scope}.${field} (${d.status})`).toBeLessThanOrEqual(BOUND);
        }
        // No batch-inclusive denominator anywhere in the scope: the rate is missing, with the reason.
        const evaluation = decisions[scope].activeEvaluationRate;
        if (scopes[scope].evaluationDenominator.value === null) {
          expect(evaluation).toMatchObject({ status: "missing", missingReason: "noInclBatch" });
        }
      }
      for (const row of month.rows) {
        const r = rowActiveEvaluationRate(row);
        if (r.value !== null) expect.soft(r.value, `seed ${seed} ${row.unitName}`).toBeLessThanOrEqual(BOUND);
        if (row.completedInclBatch === null && row.activeEvaluationRateReported === null) {
          expect(r).toEqual({ value: null, basis: null, gap: "noInclBatch" });
        }
      }
      const section = evaluationsSection(
        { month: "2021-07", isDemo: false, rows: month.rows, scopes },
        {
          month: "2021-06",
          isDemo: false,
          rows: previous.rows,
          scopes: monthScopes(previous.rows, previous.summaries),
        },
      );
      for (const line of [section.municipal, ...section.districts, ...section.topDepartments]) {
        if (line.rate !== null) expect.soft(line.rate, `seed ${seed} ${line.name}`).toBeLessThanOrEqual(BOUND);
      }
      if (section.city.rate !== null) expect.soft(section.city.rate).toBeLessThanOrEqual(BOUND);

      const current = { month: "2021-07", isDemo: false, versionNumber: 1, ...month };
      const before = { month: "2021-06", isDemo: false, versionNumber: 1, ...previous };
      const text = bulletinPlainText(buildBulletin({ current, previous: before }), { annexes: true });
      for (const value of percentsIn(text)) expect.soft(value, `seed ${seed}: bulletin`).toBeLessThanOrEqual(BOUND);

      for (const problem of findProblems(current, before)) {
        for (const unit of problem.units) {
          if (problem.kind === "evaluationRateDrop") {
            expect.soft(unit.value ?? 0).toBeLessThanOrEqual(BOUND);
            expect.soft(unit.previous ?? 0).toBeLessThanOrEqual(BOUND);
          }
        }
      }
      for (const fall of weakestUnits(month.rows, previous.rows).biggestFall) {
        expect.soft(fall.current ?? 0).toBeLessThanOrEqual(BOUND);
        expect.soft(fall.previous ?? 0).toBeLessThanOrEqual(BOUND);
      }
    }
  });
});

describe("a 2021-07 entered from its annex alone (the rows of 2021-06, nothing stated)", () => {
  const ref = referenceMonthFromJson(reference);
  const rows = ref.rows.map((r) => ({ ...r, activeEvaluationRateReported: null }));
  const scopes = monthScopes(rows, {});
  const july = { month: "2021-07", isDemo: false, versionNumber: 1, rows, summaries: {} };

  it("the city's and 通川区's evaluation rates are missing with the reason, not 134.78% / 341.83%", () => {
    expect(decideMonthFigures(scopes).city.activeEvaluationRate).toMatchObject({
      value: null,
      status: "missing",
      missingReason: "noInclBatch",
    });
    const section = evaluationsSection({ month: "2021-07", isDemo: false, rows, scopes }, null);
    expect(section.city).toMatchObject({ rate: null, basis: "noInclBatch" });
    expect(section.districts.find((l) => l.name === "通川区")).toMatchObject({ rate: null, basis: "noInclBatch" });
    const text = bulletinPlainText(buildBulletin({ current: july, previous: null }));
    expect(text).toContain("主动评价率为（未填报办结件总数（含批量件），无法计算）");
    expect(text).toContain("通川区主动评价数为167275条，主动评价率为（未填报办结件总数（含批量件），无法计算）");
    expect(text).not.toMatch(/134\.78%|341\.83%/);
  });

  it("with the city's 办结件总数（包含批量件） stated, the city's rate is computed from it, exactly", () => {
    const city = { ...emptyReportedSummary("CITY"), completedInclBatch: 768_370 };
    const decision = decideMonthFigures(monthScopes(rows, { CITY: city })).city.activeEvaluationRate;
    // The rows' evaluations over the stated denominator: 93.94%, the bulletin's figure.
    expect(decision.status).toBe("computed");
    expect(decision.value).toBe(93.94);
  });
});
