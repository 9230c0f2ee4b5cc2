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

/**
 * The city's figure a problem states (全市认领率为97.80%, 全市主动评价率下降了35.09个百分点), as the
 * problems page's paragraph does; null when the rule reads no city figure. The home panel shows it
 * so that a problem naming no unit never stands as an empty heading.
 */
export function cityFigure(problem: Problem, t: Messages): string | null {
  const city = problem.city;
  if (!city) return null;
  const f = t.sections.problems.figures;
  switch (problem.kind) {
    case "lowCoverage":
    case "lowCatalogClaim":
      return city.value === null ? null : formatRate(city.value);
    case "evaluationRateDrop":
      if (city.change)
        return fill(f.evaluationRateDrop, {
          previous: formatRate(city.change.previous),
          current: formatRate(city.change.current),
          change: formatPoints(city.change.points),
        });
      return city.value === null ? null : formatRate(city.value);
    case "overdue":
      return city.value === null ? null : formatCount(city.value, { unit: true });
    case "noCases":
    case "missingData":
      return null;
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
