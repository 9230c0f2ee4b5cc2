"use client";

// The table behind a chart (ChartFigure), drawn from the same `data` and `series` objects as
// the chart itself: passed to both by reference, they travel once in the page's RSC payload
// (React's Flight writes an object it has written before as a reference), and the table's rows
// reach the HTML through the server render of this component, not again as elements (issue 23).
import type { ChartDatum, ChartSeries, ValueKind } from "@/components/charts/chart-types";
import { formatCount, formatRate } from "@/lib/i18n/format";

export function ChartDataTable({
  title,
  data,
  series,
  valueKind,
  categoryLabel,
  tableLabel,
  categoryLang,
}: {
  title: string;
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind: ValueKind;
  categoryLabel: string;
  tableLabel: string;
  categoryLang?: string;
}) {
  const format = (value: number | string | null | undefined) =>
    value === null || value === undefined
      ? "—"
      : valueKind === "rate"
        ? formatRate(Number(value))
        : formatCount(Number(value));
  return (
    <details className="mt-3 text-xs" data-chart-details>
      <summary className="min-h-6 cursor-pointer py-0.5 text-brand-700 select-none">{tableLabel}</summary>
      <section className="mt-2 overflow-x-auto" tabIndex={0} aria-label={`${title} · ${tableLabel}`}>
        <table className="chart-table tabular w-full border-collapse text-right" data-chart-table>
          <thead>
            <tr>
              <th>{categoryLabel}</th>
              {series.map((s) => (
                <th key={s.key}>{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row" lang={categoryLang}>
                  {d.label}
                </th>
                {series.map((s) => (
                  <td key={s.key}>{format(d[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </details>
  );
}
