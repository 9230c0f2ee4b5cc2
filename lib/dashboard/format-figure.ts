// A decided figure (lib/indicators/figure-decision.ts) as the dashboard prints it: its value,
// its one label, and its change badge. Every KPI card and section page goes through here, so
// a figure reads the same on every page, and a change against a demo month is always labelled.
import { formatCount, formatPoints, formatRate, formatSignedCount } from "@/lib/i18n/format";
import { fill, type Messages } from "@/lib/i18n/messages";
import { withNote } from "@/lib/i18n/punctuation";
import { describeFigure, type FigureComparison, type FigureDecision } from "@/lib/indicators/figure-decision";

/** A change badge: its words and which way it points ("none": no comparison). */
export type KpiChange = { text: string; direction: "up" | "down" | "flat" | "none" };

/** "1,048,053件" / "93.94%" / "—" ("1,048,053 cases" on an English page). */
export function figureValueText(decision: FigureDecision, t: Messages, unit: string | null = null): string {
  const locale = t.locale;
  if (decision.kind === "rate") return formatRate(decision.value, locale);
  if (decision.value === null) return formatCount(null);
  return unit === null
    ? formatCount(decision.value, { unit: true, locale })
    : `${formatCount(decision.value, { locale })}${unit}`;
}

/** The value with its label in brackets: "93.94%（估算）" / "93.94% (estimate)". */
export function figureWithNote(decision: FigureDecision, t: Messages): string {
  return withNote(figureValueText(decision, t), figureNoteText(decision, t), t.locale);
}

/** The figure's label (estimated, basis, missing), or undefined when it needs none. */
export function figureNoteText(decision: FigureDecision, t: Messages): string | undefined {
  return describeFigure(decision, t.figures.labels) ?? undefined;
}

/** "（上月为示例数据）" (" (last month is demo data)") when the month compared with is demo data; "" otherwise. */
export function demoComparisonSuffix(comparison: FigureComparison, t: Messages): string {
  return comparison.previousIsDemo && comparison.status === "compared"
    ? withNote("", t.figures.previousDemo, t.locale)
    : "";
}

/**
 * The change badge: "较上月 +172,171件（上月为示例数据）", "较上月 −35.09个百分点", or why there
 * is no change ("口径不同，不作比较", "上月无数据").
 */
export function comparisonBadge(comparison: FigureComparison, t: Messages, unit: string | null = null): KpiChange {
  if (comparison.status === "notCompared")
    return { text: t.figures.noComparison[comparison.reason], direction: "none" };
  const locale = t.locale;
  const suffix =
    withNote("", comparison.estimated ? t.figures.estimatedChange : null, locale) + demoComparisonSuffix(comparison, t);
  if (comparison.kind === "rate") {
    const { points } = comparison.change;
    const direction = points > 0 ? "up" : points < 0 ? "down" : "flat";
    return {
      text: `${t.kpi.vsPreviousMonth} ${points === 0 ? t.kpi.unchanged : formatPoints(points, locale)}${suffix}`,
      direction,
    };
  }
  const { difference, relative } = comparison.change;
  const direction = difference > 0 ? "up" : difference < 0 ? "down" : "flat";
  const amount =
    unit === null
      ? formatSignedCount(difference, { unit: true, locale })
      : `${formatSignedCount(difference, { locale })}${unit}`;
  const share =
    relative === null || unit !== null ? "" : withNote("", `${relative > 0 ? "+" : ""}${relative.toFixed(1)}%`, locale);
  return {
    text: `${t.kpi.vsPreviousMonth} ${difference === 0 ? t.kpi.unchanged : amount + share}${suffix}`,
    direction,
  };
}

/** A chart legend for the previous month: "上月（2021年5月，示例数据）". */
export function previousLegend(t: Messages, monthLabel: string, isDemo: boolean): string {
  return withNote(
    t.chart.previousMonth,
    isDemo ? fill(t.figures.previousDemoLegend, { month: monthLabel }) : monthLabel,
    t.locale,
  );
}
