// The figure that put a unit on a problem's list, as the dashboard formats figures: the
// 存在的问题 page, the home page and a unit's own page say the same thing.
import { formatCount, formatPoints, formatRate } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import type { Problem, ProblemUnit } from "@/lib/indicators/problems";

export function unitFigure(problem: Problem, unit: ProblemUnit, t: Messages): string {
  const f = t.sections.problems.figures;
  switch (problem.kind) {
    case "lowCoverage":
      return formatRate(unit.value);
    case "evaluationRateDrop":
      return fill(f.evaluationRateDrop, {
        previous: formatRate(unit.previous),
        current: formatRate(unit.value),
        change: formatPoints(unit.change),
      });
    case "lowCatalogClaim":
      return formatRate(unit.value);
    case "noCases":
      return f.noCases;
    case "overdue":
      return fill(f.overdue, { overdue: formatCount(unit.value, { unit: true }), rate: formatRate(unit.rate) });
    case "missingData":
      return fill(f.missingData, { completed: formatCount(unit.value, { unit: true }) });
  }
}

/** A rule's threshold as its sentence shows it ("50.00%", "10.00个百分点"). */
export function thresholdText(kind: Problem["kind"], threshold: number | null): string {
  return threshold === null
    ? ""
    : kind === "evaluationRateDrop"
      ? formatPoints(threshold).replace(/^\+/, "")
      : formatRate(threshold);
}
