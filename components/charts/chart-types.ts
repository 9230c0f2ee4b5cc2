/** A chart series: which data key, its label and colour. */
export type ChartSeries = { key: string; label: string; color: string };
/** One category (a month, a unit, a field) and its values by series key. */
export type ChartDatum = { label: string } & Record<string, number | string | null>;
/** How values are shown in tooltips and axes. */
export type ValueKind = "count" | "rate";

export const SERIES_COLORS = ["#1d5fbf", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#64748b"] as const;
