"use client";

// Trends over months. Loaded after first paint through lazy-charts.tsx.
import { CartesianGrid, Legend, Line, LineChart as RechartsLineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatRate } from "@/lib/format";
import type { ChartDatum, ChartSeries, ValueKind } from "@/components/charts/chart-types";

export default function LineChart({
  data,
  series,
  valueKind = "count",
  height = 280,
}: {
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind?: ValueKind;
  height?: number;
}) {
  const format = (value: unknown) => (valueKind === "rate" ? formatRate(Number(value)) : formatCount(Number(value)));
  const compact = (value: number) => (valueKind === "rate" ? `${value}%` : new Intl.NumberFormat("zh-CN", { notation: "compact" }).format(value));
  return (
    <ResponsiveContainer width="100%" height={height}>
      <RechartsLineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="label" fontSize={11} />
        <YAxis tickFormatter={compact} fontSize={11} width={56} />
        <Tooltip formatter={(value) => format(value)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s) => (
          <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls />
        ))}
      </RechartsLineChart>
    </ResponsiveContainer>
  );
}
