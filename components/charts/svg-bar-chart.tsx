"use client";

// Grouped horizontal bars drawn as SVG, the way the PDF draws the bulletin's figures
// (lib/bulletin/render/render-pdf.ts: one row per category, one bar per series, each value at
// its bar's end, the value axis from lib/bulletin/build/chart-scale.ts). Drawn into the HTML by
// the server render; a client component only so that the page's payload carries the figures
// (the same `data` and `series` objects as the table under it, ChartFigure) and not every
// <rect> and <text> again (issue 23: ~45 kB on 市本级). No chart library: a few hundred bytes of
// code, no effects. Used for the bulletin's 图1–图4 and for 图2/图3 (completions per unit) on
// 市本级 and 县（市、区）: recharts drawing them cost ~1.4 s (bulletin) and ~0.9 s (41
// departments) of blocking time in Lighthouse; a static drawing also prints exactly as shown.
// The numbers are also in the table under each chart (ChartFigure), which a screen reader reads.
import type { ChartDatum, ChartSeries } from "@/components/charts/chart-types";
import { niceScale } from "@/lib/bulletin/build/chart-scale";

const WIDTH = 760;
const FONT = 12;
const SMALL = 10;
/** Width of a CJK character at FONT px (the labels are Chinese names; digits count half). */
const charWidth = (text: string, size: number) =>
  [...text].reduce((sum, c) => sum + (c.charCodeAt(0) > 0x2e80 ? size : size * 0.6), 0);
const formatValue = (value: number) => String(Math.round(value));

export function SvgBarChart({
  label,
  data,
  series: chartSeries,
  unit,
  noData,
  colon = "：",
  categoryLang,
}: {
  /** The accessible name (the figure's title). */
  label: string;
  /** One row of bars per datum (its label the category), one bar per series. */
  data: ChartDatum[];
  series: ChartSeries[];
  /** What the values count, for each bar's tooltip: "件", "条". */
  unit: string;
  noData: string;
  /** The tooltip's colon in the page's language (lib/i18n/punctuation.ts). */
  colon?: string;
  /** lang="zh-CN" for categories that are names on a page in another language. */
  categoryLang?: string;
}) {
  const categories = data.map((d) => d.label);
  const series = chartSeries.map((s) => ({
    label: s.label,
    color: s.color,
    values: data.map((d) => {
      const value = d[s.key];
      return typeof value === "number" ? value : null;
    }),
  }));
  const seriesLabels = series.map((s) => s.label);
  const colorOf = (index: number) => series[index]?.color ?? "currentColor";
  const barHeight = series.length > 1 ? 13 : 16;
  const rowHeight = barHeight * series.length + 10;
  const legendHeight = 28;
  const axisHeight = 22;
  const values = series.flatMap((s) => s.values).filter((v): v is number => v !== null);

  if (categories.length === 0 || values.length === 0) {
    return (
      <svg
        viewBox={`0 0 ${WIDTH} 60`}
        className="h-auto w-full text-slate-700"
        role="img"
        aria-label={label}
        data-figure-svg
      >
        <text x={WIDTH / 2} y={34} textAnchor="middle" fontSize={FONT} fill="currentColor">
          {noData}
        </text>
      </svg>
    );
  }

  const plotHeight = rowHeight * categories.length;
  const height = legendHeight + plotHeight + axisHeight;
  const labelWidth = Math.min(200, Math.max(...categories.map((c) => charWidth(c, FONT))) + 10);
  const valueRoom = charWidth(formatValue(Math.max(...values)), SMALL) + 8;
  const plotLeft = labelWidth;
  const plotWidth = WIDTH - labelWidth - valueRoom;
  const scale = niceScale(Math.max(...values));
  const xOf = (v: number) => plotLeft + (Math.max(0, v) / scale.max) * plotWidth;
  const ticks: number[] = [];
  for (let tick = 0; tick <= scale.max + 1e-9; tick += scale.step) ticks.push(tick);

  // Legend entries laid out from their text widths, centred.
  const legendWidths = seriesLabels.map((text) => 16 + charWidth(text, SMALL) + 18);
  let legendX = (WIDTH - legendWidths.reduce((a, b) => a + b, 0)) / 2;
  const legend = seriesLabels.map((text, index) => {
    const x = legendX;
    legendX += legendWidths[index] ?? 0;
    return (
      <g key={index}>
        <rect x={x} y={8} width={11} height={10} fill={colorOf(index)} />
        <text x={x + 15} y={17} fontSize={SMALL} fill="currentColor">
          {text}
        </text>
      </g>
    );
  });

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="h-auto w-full text-slate-700"
      role="img"
      aria-label={label}
      data-figure-svg
    >
      <title>{label}</title>
      {legend}
      <g transform={`translate(0 ${legendHeight})`}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={xOf(tick)}
              x2={xOf(tick)}
              y1={0}
              y2={plotHeight}
              stroke="currentColor"
              strokeOpacity={0.2}
              strokeWidth={1}
            />
            <text x={xOf(tick)} y={plotHeight + 15} textAnchor="middle" fontSize={SMALL} fill="currentColor">
              {formatValue(tick)}
            </text>
          </g>
        ))}
        <line x1={plotLeft} x2={plotLeft} y1={0} y2={plotHeight} stroke="currentColor" strokeWidth={1} />
        {categories.map((category, row) => {
          const rowTop = row * rowHeight + 5;
          return (
            <g key={category} data-category={category}>
              <text
                lang={categoryLang}
                x={plotLeft - 6}
                y={rowTop + (rowHeight - 10) / 2 + FONT / 2 - 1}
                textAnchor="end"
                fontSize={FONT}
                fill="currentColor"
              >
                {category}
              </text>
              {series.map((s, index) => {
                const value = s.values[row] ?? null;
                const barTop = rowTop + index * barHeight;
                if (value === null) {
                  return (
                    <text key={index} x={plotLeft + 4} y={barTop + barHeight - 3} fontSize={SMALL} fill="currentColor">
                      —
                    </text>
                  );
                }
                const barWidth = Math.max(0.5, xOf(value) - plotLeft);
                return (
                  <g key={index}>
                    <rect
                      x={plotLeft}
                      y={barTop}
                      width={barWidth}
                      height={barHeight - 2}
                      fill={colorOf(index)}
                      data-bar
                      data-value={value}
                    >
                      <title>{`${category} · ${seriesLabels[index]}${colon}${formatValue(value)}${unit}`}</title>
                    </rect>
                    <text x={plotLeft + barWidth + 4} y={barTop + barHeight - 4} fontSize={SMALL} fill="currentColor">
                      {formatValue(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </g>
    </svg>
  );
}
