// The figure that put a unit on a problem's list, as the dashboard formats figures: the
// 存在的问题 page, the home page and a unit's own page say the same thing.
import { type FormatLocale, formatCount, formatPoints, formatRate } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import type { Problem, ProblemUnit } from "@/lib/indicators/problems";

export function unitFigure(problem: Problem, unit: ProblemUnit, t: Messages): string {
  const f = t.sections.problems.figures;
  const locale = t.locale;
  switch (problem.kind) {
    case "lowCoverage":
      return formatRate(unit.value, locale);
    case "evaluationRateDrop":
      return fill(f.evaluationRateDrop, {
        previous: formatRate(unit.previous, locale),
        current: formatRate(unit.value, locale),
        change: formatPoints(unit.change, locale),
      });
    case "lowCatalogClaim":
      return formatRate(unit.value, locale);
    case "noCases":
      return f.noCases;
    case "overdue":
      return fill(f.overdue, {
        overdue: formatCount(unit.value, { unit: true, locale }),
        rate: formatRate(unit.rate, locale),
      });
    case "missingData":
      return fill(f.missingData, { completed: formatCount(unit.value, { unit: true, locale }) });
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
  const locale = t.locale;
  switch (problem.kind) {
    case "lowCoverage":
    case "lowCatalogClaim":
      return city.value === null ? null : formatRate(city.value, locale);
    case "evaluationRateDrop":
      if (city.change)
        return fill(f.evaluationRateDrop, {
          previous: formatRate(city.change.previous, locale),
          current: formatRate(city.change.current, locale),
          change: formatPoints(city.change.points, locale),
        });
      return city.value === null ? null : formatRate(city.value, locale);
    case "overdue":
      return city.value === null ? null : formatCount(city.value, { unit: true, locale });
    case "noCases":
    case "missingData":
      return null;
  }
}

/** A rule's threshold as its sentence shows it ("50.00%", "10.00个百分点"; "10.00 pp" in English). */
export function thresholdText(kind: Problem["kind"], threshold: number | null, locale: FormatLocale = "zh-CN"): string {
  return threshold === null
    ? ""
    : kind === "evaluationRateDrop"
      ? formatPoints(threshold, locale).replace(/^\+/, "")
      : formatRate(threshold, locale);
}
