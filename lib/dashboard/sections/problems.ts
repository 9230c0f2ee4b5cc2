// 存在的问题 as the dashboard's page shows it: each problem the rules found with the
// bulletin's own sentence, and every rule with its threshold and whether it found anything.
// Pure: reads a built Bulletin (lib/bulletin), which ran the rules with the stored thresholds.

import type { Bulletin } from "@/lib/bulletin";
import {
  PROBLEM_KINDS,
  type Problem,
  type ProblemKind,
  type ProblemSettings,
  type RuleInput,
  type RuleInputGap,
} from "@/lib/indicators/problems";

export type ProblemEntry = { problem: Problem; number: number; lead: string; text: string };

/** The problems in the bulletin's order, each with its numbered heading and paragraph. */
export function problemEntries(bulletin: Bulletin): ProblemEntry[] {
  const part = bulletin.parts.find((p) => p.id === "problems");
  const paragraphs = (part?.blocks ?? []).filter((b) => b.type === "paragraph");
  return bulletin.problems.map((problem, index) => {
    const block = paragraphs[index];
    return { problem, number: index + 1, lead: block?.lead ?? "", text: block?.text ?? "" };
  });
}

/** The setting each rule compares with, if it has one. */
export const RULE_THRESHOLD: Record<
  ProblemKind,
  "coverageRateBelow" | "evaluationRateDropAbove" | "catalogClaimRateBelow" | null
> = {
  lowCoverage: "coverageRateBelow",
  evaluationRateDrop: "evaluationRateDropAbove",
  lowCatalogClaim: "catalogClaimRateBelow",
  noCases: null,
  overdue: null,
  missingData: null,
};

export type RuleStatus = {
  kind: ProblemKind;
  enabled: boolean;
  threshold: number | null;
  found: boolean;
  units: number;
  /** "none": the rule had nothing to read (无数据, never "未发现"); "partial": part of it. */
  input: RuleInput["input"];
  gaps: RuleInputGap[];
};

export function ruleStatuses(
  settings: ProblemSettings,
  problems: readonly Problem[],
  inputs: readonly RuleInput[] = [],
): RuleStatus[] {
  return PROBLEM_KINDS.map((kind) => {
    const problem = problems.find((p) => p.kind === kind);
    const setting = RULE_THRESHOLD[kind];
    const input = inputs.find((i) => i.kind === kind);
    return {
      kind,
      enabled: settings.enabled[kind],
      threshold: setting === null ? null : settings[setting],
      found: problem !== undefined,
      units: problem?.units.length ?? 0,
      input: input?.input ?? "complete",
      gaps: input?.gaps ?? [],
    };
  });
}

/** A gap's key in the `figures.rule.gaps` messages. */
export function gapKey(
  gap: RuleInputGap,
): "coverageRate" | "catalogClaimRate" | "activeEvaluationRate" | "noPreviousMonth" | "notComparable" {
  return gap.kind === "missingFigure" ? gap.figure : gap.kind;
}
