// 图1–图4 of the bulletin as a chart with its data table (ChartFigure): the same figure data
// (lib/bulletin, Bulletin.figures) that the Word and PDF files draw.
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, type ChartSeries, SERIES_COLORS } from "@/components/charts/chart-types";
import { SvgBarChart } from "@/components/charts/svg-bar-chart";
import type { BulletinFigure } from "@/lib/bulletin/build";
import { formatMonthLabel } from "@/lib/calendar/month";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang, withNote } from "@/lib/i18n/punctuation";
import { zhCN } from "@/lib/i18n/zh-CN";

/** Drawn on the server (SvgBarChart): no chart library in the browser for the bulletin's figures. */
export async function BulletinFigureChart({
  figure,
  testId,
  quoted = false,
}: {
  figure: BulletinFigure;
  testId?: string;
  /** Inside the bulletin document: the legend and units too are the bulletin's, as issued. */
  quoted?: boolean;
}) {
  const t = await getPageMessages();
  const last = figure.series.length - 1;
  const locale = t.locale;
  // The bulletin's own figure: its caption and categories are quoted as issued (Chinese); the
  // legend and the tooltips' units are the page's ("上月（2021年5月，示例数据）" / "Last month (May 2021, Demo data)").
  const english = locale !== "zh-CN" && !quoted;
  const series: ChartSeries[] = figure.series.map((s, i) => ({
    key: `s${i}`,
    label: english
      ? withNote(
          i === last ? t.chart.thisMonth : t.chart.previousMonth,
          `${formatMonthLabel(s.month, locale)}${s.isDemo ? `, ${t.demo.badge}` : ""}`,
          locale,
        )
      : `${s.name}（${s.monthLabel}${s.isDemo ? `，${zhCN.demo.badge}` : ""}）`,
    color: i === last ? SERIES_COLORS[0] : SERIES_COLORS[5],
  }));
  const unit = !english ? figure.unit : figure.unit === "条" ? t.sections.evaluationUnit : t.serverFigures.unit;
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
      titleLang={nameLang(locale)}
      categoryLang={nameLang(locale)}
    >
      <div data-figure-chart={figure.id}>
        <SvgBarChart
          label={figure.caption}
          data={data}
          series={series}
          unit={unit}
          noData={t.serverFigures.noData}
          colon={english ? marks(locale).colon : "："}
          categoryLang={nameLang(locale)}
        />
      </div>
      {figure.note && (
        <p className="mt-2 text-xs text-slate-600" lang={nameLang(locale)}>
          {figure.note}
        </p>
      )}
    </ChartFigure>
  );
}
