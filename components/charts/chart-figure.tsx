// A chart with its figures: the table behind it is always in the page (for
// screen readers, printing and checking), folded under the chart. Pass the chart the same
// `data` and `series` objects: the table (a client component) and the chart then share one
// copy of them in the page's payload (components/charts/chart-data-table.tsx).

import { ChartDataTable } from "@/components/charts/chart-data-table";
import type { ChartDatum, ChartSeries, ValueKind } from "@/components/charts/chart-types";

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
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="mb-3 text-sm font-semibold text-slate-800" lang={titleLang}>
        {title}
      </figcaption>
      {children}
      <ChartDataTable
        title={title}
        data={data}
        series={series}
        valueKind={valueKind}
        categoryLabel={categoryLabel}
        tableLabel={tableLabel}
        categoryLang={categoryLang}
      />
    </figure>
  );
}
