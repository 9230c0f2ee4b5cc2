// 图1–图4 of the bulletin as a chart with its data table (ChartFigure): the same figure data
// (lib/report, Bulletin.figures) that the Word and PDF files draw.
import { ChartFigure } from "@/components/charts/chart-figure";
import { SERIES_COLORS, type ChartDatum, type ChartSeries } from "@/components/charts/chart-types";
import { LazyBarChart } from "@/components/charts/lazy-charts";
import { getPageMessages } from "@/lib/i18n/page-locale";
import type { BulletinFigure } from "@/lib/report";

export async function BulletinFigureChart({ figure, testId }: { figure: BulletinFigure; testId?: string }) {
  const t = await getPageMessages();
  const last = figure.series.length - 1;
  const series: ChartSeries[] = figure.series.map((s, i) => ({
    key: `s${i}`,
    label: `${s.name}（${s.monthLabel}${s.isDemo ? `，${t.demo.badge}` : ""}）`,
    color: i === last ? SERIES_COLORS[0] : SERIES_COLORS[5],
  }));
  const data: ChartDatum[] = figure.categories.map((label, c) => {
    const datum: ChartDatum = { label };
    figure.series.forEach((s, i) => (datum[`s${i}`] = s.values[c] ?? null));
    return datum;
  });
  return (
    <ChartFigure
      title={figure.caption}
      data={data}
      series={series}
      categoryLabel={t.bulletin.category}
      tableLabel={t.bulletin.figureTable}
      testId={testId ?? `bulletin-${figure.id}`}
    >
      <div data-figure-chart={figure.id}>
        <LazyBarChart eager label={figure.caption} data={data} series={series} horizontal height={Math.max(220, figure.categories.length * 24 * Math.max(1, series.length) + 70)} />
      </div>
      {figure.note && <p className="mt-2 text-xs text-slate-600">{figure.note}</p>}
    </ChartFigure>
  );
}
