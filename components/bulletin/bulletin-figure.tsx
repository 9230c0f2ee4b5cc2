// 图1–图4 of the bulletin as a chart with its data table (ChartFigure): the same figure data
// (lib/bulletin, Bulletin.figures) that the Word and PDF files draw.
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, type ChartSeries, SERIES_COLORS } from "@/components/charts/chart-types";
import { SvgBarChart } from "@/components/charts/svg-bar-chart";
import type { BulletinFigure } from "@/lib/bulletin/build";
import { getPageMessages } from "@/lib/i18n/page-locale";

/** Drawn on the server (SvgBarChart): no chart library in the browser for the bulletin's figures. */
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
    for (const [i, s] of figure.series.entries()) datum[`s${i}`] = s.values[c] ?? null;
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
        <SvgBarChart
          label={figure.caption}
          categories={figure.categories}
          series={series.map((s, i) => ({ label: s.label, color: s.color, values: figure.series[i]?.values ?? [] }))}
          unit={figure.unit}
          noData={t.serverFigures.noData}
        />
      </div>
      {figure.note && <p className="mt-2 text-xs text-slate-600">{figure.note}</p>}
    </ChartFigure>
  );
}
