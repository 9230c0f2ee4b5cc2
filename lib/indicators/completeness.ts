// The completeness gate: before a month is published, which figures of its bulletin would be
// blank (未填报, with the reason) or estimated, section by section, and which stated figure (通报数据) would make each exact. Also what the summary
// form can be pre-filled with: the figures computed exactly from the rows. Pure; the
// decisions are figure-decision.ts's, so the gate lists exactly what the bulletin would print.

import { decideMonthFigures, type FigureDecision, type ScopeKey } from "./figure-decision";
import { HEADLINE_PARAGRAPHS, type HeadlineField } from "./headline-figures";
import { monthScopes } from "./month-scopes";
import { roundRate } from "./rates";
import {
  emptyReportedSummary,
  REPORTED_SUMMARY_FIELDS,
  type ReportedSummary,
  type ReportedSummaryField,
  type StatRow,
  type SummaryScope,
} from "./types";

/** The bulletin's sections that print scope figures, in its order. */
export const BULLETIN_SECTIONS = [
  "overview",
  "municipal",
  "districts",
  "evaluation",
  "timeliness",
  "problems",
] as const;
export type BulletinSection = (typeof BULLETIN_SECTIONS)[number];

const { cases: CASES, speedup: SPEEDUP, online: ONLINE } = HEADLINE_PARAGRAPHS;

/** Which scope figures each section of the bulletin prints (lib/bulletin/build/bulletin.ts). */
export const SECTION_FIGURES: Record<BulletinSection, Array<{ scope: ScopeKey; fields: HeadlineField[] }>> = {
  overview: [{ scope: "city", fields: [...CASES, ...SPEEDUP, ...ONLINE] }],
  municipal: [{ scope: "municipal", fields: [...CASES, ...SPEEDUP, ...ONLINE] }],
  districts: [{ scope: "districts", fields: [...CASES, ...ONLINE] }],
  evaluation: [
    { scope: "city", fields: ["activeEvaluations", "satisfactionRate", "activeEvaluationRate"] },
    { scope: "municipal", fields: ["activeEvaluations", "activeEvaluationRate"] },
  ],
  timeliness: [{ scope: "city", fields: ["overdueCompleted", "onTimeCompletionRate"] }],
  problems: [{ scope: "city", fields: ["coverageRate", "catalogClaimRate"] }],
};

export const SUMMARY_SCOPE_OF: Record<ScopeKey, SummaryScope> = {
  city: "CITY",
  municipal: "MUNICIPAL",
  districts: "DISTRICTS",
};

export type FigureGap = {
  section: BulletinSection;
  scope: ScopeKey;
  field: HeadlineField;
  /**
   * missing: printed as 未填报 (an evaluation rate without 办结件总数（包含批量件）, with that
   * reason); estimated: printed with 估算. No figure stands on another basis.
   */
  gap: "missing" | "estimated";
  /** What the bulletin would print (null when missing). */
  value: number | null;
  /** The 通报数据 entries any one of which makes the figure exact. */
  inputs: Array<{ scope: SummaryScope; field: ReportedSummaryField }>;
};

function gapOf(decision: FigureDecision): FigureGap["gap"] | null {
  if (decision.status === "missing") return "missing";
  if (decision.status === "estimated") return "estimated";
  return null;
}

/** Summary inputs (partial, as stored) as the indicators read them. */
export function toReportedSummaries(
  summaries: ReadonlyArray<Partial<ReportedSummary> & { scope: SummaryScope }>,
): Partial<Record<SummaryScope, ReportedSummary>> {
  const out: Partial<Record<SummaryScope, ReportedSummary>> = {};
  for (const s of summaries) out[s.scope] = { ...emptyReportedSummary(s.scope), ...s };
  return out;
}

/** Every figure of the bulletin that would be blank or estimated, by section. */
export function bulletinGaps(
  rows: readonly StatRow[],
  summaries: Partial<Record<SummaryScope, ReportedSummary>>,
): FigureGap[] {
  const decisions = decideMonthFigures(monthScopes(rows, summaries));
  const gaps: FigureGap[] = [];
  for (const section of BULLETIN_SECTIONS) {
    for (const { scope, fields } of SECTION_FIGURES[section]) {
      for (const field of fields) {
        const decision = decisions[scope][field];
        const gap = gapOf(decision);
        if (!gap) continue;
        const summaryScope = SUMMARY_SCOPE_OF[scope];
        const inputs: FigureGap["inputs"] = [{ scope: summaryScope, field: field as ReportedSummaryField }];
        if (field === "activeEvaluationRate") inputs.push({ scope: summaryScope, field: "completedInclBatch" });
        gaps.push({ section, scope, field, gap, value: decision.value, inputs });
      }
    }
  }
  return gaps;
}

/**
 * What the summary form can be pre-filled with: each 通报数据 figure not stated but computed
 * exactly from the rows (rates rounded as printed). Estimates are never pre-filled.
 */
export function exactSummaryPrefill(
  rows: readonly StatRow[],
  summaries: Partial<Record<SummaryScope, ReportedSummary>>,
): Record<SummaryScope, Partial<Record<ReportedSummaryField, number>>> {
  const decisions = decideMonthFigures(monthScopes(rows, summaries));
  const out: Record<SummaryScope, Partial<Record<ReportedSummaryField, number>>> = {
    CITY: {},
    MUNICIPAL: {},
    DISTRICTS: {},
  };
  for (const scope of ["city", "municipal", "districts"] as const) {
    for (const field of REPORTED_SUMMARY_FIELDS) {
      const decision = (decisions[scope] as Partial<Record<string, FigureDecision>>)[field];
      if (decision?.status !== "computed" || decision.value === null) continue;
      out[SUMMARY_SCOPE_OF[scope]][field] = decision.kind === "rate" ? roundRate(decision.value) : decision.value;
    }
  }
  return out;
}

/** "CITY.satisfactionRate" keys: how a publish's audit records the gaps it was acknowledged with. */
export function gapKeys(gaps: readonly FigureGap[]): string[] {
  return gaps.map((g) => `${g.section}:${SUMMARY_SCOPE_OF[g.scope]}.${g.field}:${g.gap}`);
}
