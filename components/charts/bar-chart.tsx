"use client";

// Grouped bars (e.g. 上月 vs 本月 per field or per unit). Loaded after first
// paint through lazy-charts.tsx: recharts is too heavy for the first load.
import {
  Bar,
  CartesianGrid,
  Legend,
  BarChart as RechartsBarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { countTickFormatter, rateTick } from "@/components/charts/axis-format";
import type { ChartDatum, ChartSeries, ValueKind } from "@/components/charts/chart-types";
import { useLocale } from "@/components/ui/locale-link";
import { formatCount, formatRate } from "@/lib/i18n/format";

export default function BarChart({
  label,
  data,
  series,
  valueKind = "count",
  height = 300,
  horizontal = false,
}: {
  /** The chart's accessible name (its figure's title): recharts exposes it as role="application". */
  label: string;
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind?: ValueKind;
  height?: number;
  horizontal?: boolean;
}) {
  const locale = useLocale();
  const format = (value: unknown) =>
    valueKind === "rate" ? formatRate(Number(value), locale) : formatCount(Number(value), { locale });
  const compact =
    valueKind === "rate"
      ? rateTick
      : countTickFormatter(
          data.flatMap((d) => series.map((s) => (typeof d[s.key] === "number" ? (d[s.key] as number) : null))),
          locale,
        );
  // Axis text and grid take the surrounding text colour, so they follow the theme.
  const tick = { fill: "currentColor", fontSize: 11 };
  return (
    <div className="text-slate-700">
      <ResponsiveContainer width="100%" height={height}>
        <RechartsBarChart
          aria-label={label}
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 24 : 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.2} />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={compact} tick={tick} />
              <YAxis type="category" dataKey="label" width={130} tick={tick} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={tick} interval={0} />
              <YAxis tickFormatter={compact} tick={tick} width={56} />
            </>
          )}
          <Tooltip
            formatter={(value) => format(value)}
            contentStyle={{
              background: "var(--color-white)",
              borderColor: "var(--color-slate-200)",
              color: "var(--color-slate-900)",
            }}
          />
          {/* Legend text in the text colour (series colours such as amber are too light for text); the swatch keeps the colour. */}
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value) => <span className="text-slate-700">{value}</span>}
          />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </RechartsBarChart>
      </ResponsiveContainer>
    </div>
  );
}
