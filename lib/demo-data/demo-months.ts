// Generated history for the months before the reference month. These figures
// are invented (deterministically, so every install shows the same demo) and
// are stored as DEMO versions that the UI always badges as 示例数据.
import { type AnnexField, COUNT_FIELDS, RATE_FIELDS, type UnitKind } from "@/lib/indicators/types";
import type { StatInput, SummaryInput } from "@/lib/month-versions";

export type DemoBaseRow = Record<AnnexField, number> & { unitId: number; seq: number; kind: UnitKind };

/** Figures the bulletin states about a month we otherwise generate. */
export type DemoAnchor = { activeEvaluations?: number; activeEvaluationRate?: number };

/** Deterministic PRNG (mulberry32) seeded from a string. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * One generated month, `monthsBefore` months before the reference month whose
 * rows are `base`. Volumes grow over time with a seasonal swing and noise;
 * zero-case units stay at zero; online counts keep their unit's online share.
 */
export function generateDemoMonth(
  month: string,
  monthsBefore: number,
  base: DemoBaseRow[],
  anchor: DemoAnchor = {},
): { stats: StatInput[]; summaries: SummaryInput[] } {
  const random = seededRandom(`demo:${month}`);
  const noise = (spread: number) => 1 + (random() * 2 - 1) * spread;
  const monthIndex = Number(month.slice(5, 7));
  const growth = 0.985 ** monthsBefore;
  const season = 1 + 0.08 * Math.sin(((monthIndex - 3) / 12) * 2 * Math.PI);

  const stats: StatInput[] = base.map((row) => {
    const scale = growth * season * noise(0.12);
    const count = (value: number) => (value === 0 ? 0 : Math.max(0, Math.round(value * scale * noise(0.05))));
    const out = { unitId: row.unitId, seq: row.seq } as StatInput;
    for (const field of COUNT_FIELDS) out[field] = count(row[field]);
    // Keep online counts within totals, as the platform's data does.
    out.onlineApplied = Math.min(out.onlineApplied, out.applied);
    out.onlinePromisedCompleted = Math.min(out.onlinePromisedCompleted, out.promisedCompleted);
    // Some overdue cases, so that the timeliness views have something to show.
    const overdueChance = row.kind === "DISTRICT" ? 0.2 : 0.04;
    if (out.completed > 50 && random() < overdueChance) {
      out.overdueCompleted = 1 + Math.floor(random() * (row.kind === "DISTRICT" ? 15 : 3));
      out.promisedOverdueCompleted = Math.min(out.overdueCompleted, out.promisedCompleted);
    } else {
      out.overdueCompleted = 0;
      out.promisedOverdueCompleted = 0;
    }
    out.onlinePromisedOverdueCompleted = 0;
    for (const field of RATE_FIELDS) {
      const value = row[field];
      if (value === 0) {
        out[field] = 0;
      } else if (field === "coverageRate") {
        // Coverage grows slowly as units record more of their catalogue.
        out[field] = round2(clamp(value - monthsBefore * 0.6 * noise(0.5), 0, 100));
      } else if (field === "handlingSpeedupRate" || field === "onlineHandlingSpeedupRate") {
        out[field] = round2(clamp(value + (random() * 2 - 1) * 6, -100, 100));
      } else {
        out[field] = round2(clamp(value * noise(0.03), 0, 100));
      }
    }
    return out;
  });

  if (anchor.activeEvaluations !== undefined) scaleEvaluationsTo(stats, anchor.activeEvaluations);

  const sum = (rows: StatInput[], field: AnnexField) => rows.reduce((acc, row) => acc + row[field], 0);
  const kindOf = new Map(base.map((row) => [row.unitId, row.kind]));
  const departments = stats.filter((s) => kindOf.get(s.unitId) === "DEPARTMENT");
  const districts = stats.filter((s) => kindOf.get(s.unitId) === "DISTRICT");
  const scopeCounts = (rows: StatInput[]) => ({
    applied: sum(rows, "applied"),
    accepted: sum(rows, "accepted"),
    completed: sum(rows, "completed"),
    overdueCompleted: sum(rows, "overdueCompleted"),
    promisedCompleted: sum(rows, "promisedCompleted"),
    onlineApplied: sum(rows, "onlineApplied"),
    onlineAccepted: sum(rows, "onlineAccepted"),
    onlineCompleted: sum(rows, "onlineCompleted"),
    onlinePromisedCompleted: sum(rows, "onlinePromisedCompleted"),
    activeEvaluations: sum(rows, "activeEvaluations"),
  });
  const municipal = scopeCounts(departments);
  const counties = scopeCounts(districts);
  const cityEvaluations = municipal.activeEvaluations + counties.activeEvaluations;
  const cityCompleted = municipal.completed + counties.completed;
  const evaluationRate = anchor.activeEvaluationRate ?? round2(clamp(110 * noise(0.15), 60, 160));
  const completedInclBatch = Math.round(cityEvaluations / (evaluationRate / 100));

  const summaries: SummaryInput[] = [
    {
      scope: "MUNICIPAL",
      ...municipal,
      promiseSpeedupRate: round2(86.05 * noise(0.02)),
      handlingSpeedupRate: round2(clamp(20.04 + (random() * 2 - 1) * 8, -100, 100)),
      earlyCompletionRate: 100,
      onlineEarlyCompletionRate: 100,
    },
    {
      scope: "DISTRICTS",
      ...counties,
      onlineEarlyCompletionRate: 100,
    },
    {
      scope: "CITY",
      applied: municipal.applied + counties.applied,
      accepted: municipal.accepted + counties.accepted,
      completed: cityCompleted,
      overdueCompleted: municipal.overdueCompleted + counties.overdueCompleted,
      promisedCompleted: municipal.promisedCompleted + counties.promisedCompleted,
      promiseSpeedupRate: round2(85.16 * noise(0.02)),
      handlingSpeedupRate: round2(clamp(93.72 * noise(0.03), 0, 100)),
      earlyCompletionRate: 100,
      onlineApplied: municipal.onlineApplied + counties.onlineApplied,
      onlineAccepted: municipal.onlineAccepted + counties.onlineAccepted,
      onlineCompleted: municipal.onlineCompleted + counties.onlineCompleted,
      onlinePromisedCompleted: municipal.onlinePromisedCompleted + counties.onlinePromisedCompleted,
      onlineEarlyCompletionRate: 100,
      activeEvaluations: cityEvaluations,
      completedInclBatch,
      activeEvaluationRate: evaluationRate,
      satisfactionRate: round2(clamp(100 - random() * 0.2, 0, 100)),
      coverageRate: round2(clamp(33.19 - monthsBefore * 0.55 * noise(0.3), 0, 100)),
      catalogClaimRate: round2(clamp(97.8 - monthsBefore * 0.1 * noise(0.5), 0, 100)),
    },
  ];
  return { stats, summaries };
}

/** Scale the units' evaluations so that they add up to a stated total, exactly. */
function scaleEvaluationsTo(stats: StatInput[], total: number): void {
  const current = stats.reduce((acc, row) => acc + row.activeEvaluations, 0);
  if (current === 0) return;
  for (const row of stats) row.activeEvaluations = Math.round((row.activeEvaluations * total) / current);
  const largest = stats.reduce((a, b) => (b.activeEvaluations > a.activeEvaluations ? b : a));
  largest.activeEvaluations += total - stats.reduce((acc, row) => acc + row.activeEvaluations, 0);
}
