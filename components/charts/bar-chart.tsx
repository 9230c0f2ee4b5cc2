"use client";

// Grouped bars (e.g. 上月 vs 本月 per field or per unit). Loaded after first
// paint through lazy-charts.tsx: recharts is too heavy for the first load.
import { Bar, BarChart as RechartsBarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatRate } from "@/lib/format";
import type { ChartDatum, ChartSeries, ValueKind } from "@/components/charts/chart-types";

export default function BarChart({
  data,
  series,
  valueKind = "count",
  height = 300,
  horizontal = false,
}: {
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind?: ValueKind;
  height?: number;
  horizontal?: boolean;
}) {
  const format = (value: unknown) => (valueKind === "rate" ? formatRate(Number(value)) : formatCount(Number(value)));
  const compact = (value: number) => (valueKind === "rate" ? `${value}%` : new Intl.NumberFormat("zh-CN", { notation: "compact" }).format(value));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <RechartsBarChart data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 24 : 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        {horizontal ? (
          <>
            <XAxis type="number" tickFormatter={compact} fontSize={11} />
            <YAxis type="category" dataKey="label" width={130} fontSize={11} interval={0} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" fontSize={11} interval={0} />
            <YAxis tickFormatter={compact} fontSize={11} width={56} />
          </>
        )}
        <Tooltip formatter={(value) => format(value)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
        ))}
      </RechartsBarChart>
    </ResponsiveContainer>
  );
}
