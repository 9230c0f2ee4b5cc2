// A chart with its figures: the table behind it is always in the page (for
// screen readers, printing and checking), folded under the chart.

import type { ChartDatum, ChartSeries, ValueKind } from "@/components/charts/chart-types";
import { formatCount, formatRate } from "@/lib/i18n/format";

export function ChartFigure({
  title,
  children,
  data,
  series,
  valueKind = "count",
  categoryLabel,
  tableLabel,
  testId,
  titleLang,
  categoryLang,
}: {
  title: string;
  children: React.ReactNode;
  data: ChartDatum[];
  series: ChartSeries[];
  valueKind?: ValueKind;
  categoryLabel: string;
  tableLabel: string;
  testId?: string;
  /** lang="zh-CN" for a title quoted from the bulletin on a page in another language. */
  titleLang?: string;
  /** lang="zh-CN" for categories that are names (units) on a page in another language. */
  categoryLang?: string;
}) {
  const format = (value: number | string | null | undefined) =>
    value === null || value === undefined
      ? "—"
      : valueKind === "rate"
        ? formatRate(Number(value))
        : formatCount(Number(value));
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="mb-3 text-sm font-semibold text-slate-800" lang={titleLang}>
        {title}
      </figcaption>
      {children}
      <details className="mt-3 text-xs" data-chart-details>
        <summary className="min-h-6 cursor-pointer py-0.5 text-brand-700 select-none">{tableLabel}</summary>
        <section className="mt-2 overflow-x-auto" tabIndex={0} aria-label={`${title} · ${tableLabel}`}>
          <table className="tabular w-full border-collapse text-right" data-chart-table>
            <thead>
              <tr className="bg-slate-50">
                <th className="border border-slate-200 px-2 py-1 text-left">{categoryLabel}</th>
                {series.map((s) => (
                  <th key={s.key} className="border border-slate-200 px-2 py-1">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th
                    scope="row"
                    className="border border-slate-200 px-2 py-1 text-left font-normal"
                    lang={categoryLang}
                  >
                    {d.label}
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="border border-slate-200 px-2 py-1">
                      {format(d[s.key])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </figure>
  );
}
