import { notFound } from "next/navigation";
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, SERIES_COLORS } from "@/components/charts/chart-types";
import { LazyBarChart, LazyLineChart } from "@/components/charts/lazy-charts";
import { AttentionPanel } from "@/components/dashboard/attention-panel";
import { ScopeKpis } from "@/components/dashboard/scope-kpis";
import { AudienceLink } from "@/components/ui/audience-link";
import { DemoBadge } from "@/components/ui/demo-badge";
import { formatMonthLabel, formatMonthShort } from "@/lib/calendar/month";
import { figureWithNote, previousLegend } from "@/lib/dashboard/format-figure";
import { getMonthView } from "@/lib/dashboard/month-view";
import { monthAttention } from "@/lib/dashboard/sections/attention";
import { fill } from "@/lib/i18n/messages";
import { pageMessages } from "@/lib/i18n/page-locale";
import { labelled, withNote } from "@/lib/i18n/punctuation";
import {
  ANNEX_FIELDS,
  comparableValue,
  compareMonthFigure,
  HEADLINE_PARAGRAPHS,
  type HeadlineField,
} from "@/lib/indicators";

// What an official opens the dashboard for first: how citizens rated the month, how much of the
// catalogue saw cases, how many cases ran late. (The count of evaluations, in 条, is on the 好差评 page.)
const KEY_FIELDS: HeadlineField[] = ["activeEvaluationRate", "coverageRate", "overdueCompleted"];
const CASE_FIELDS: HeadlineField[] = [...HEADLINE_PARAGRAPHS.cases, ...HEADLINE_PARAGRAPHS.speedup];
const ONLINE_FIELDS: HeadlineField[] = [...HEADLINE_PARAGRAPHS.online];
const CHART_FIELDS = [
  "applied",
  "accepted",
  "completed",
  "promisedCompleted",
  "onlineApplied",
  "onlineAccepted",
  "onlineCompleted",
] as const;

/**
 * The month's home page (全市总体情况), in two prerendered versions: for every reader, and for
 * those who see every unit (officials, admins), with the month's problems and weakest units
 * under the key figures. proxy.ts picks the version (pageForViewer in lib/access/permissions.ts);
 * the second has no URL of its own.
 */
export async function OverviewPage({ month, withAttention }: { month: string; withAttention: boolean }) {
  const { t, locale } = await pageMessages();
  const [view, attention] = await Promise.all([
    getMonthView(month),
    withAttention ? monthAttention(month, locale) : null,
  ]);
  if (!view) notFound();
  const { current, previous, history } = view;
  const value = (field: HeadlineField) => figureWithNote(current.figures.city[field], t);

  // 图1: last month's bars only where the figure compares like with like.
  const comparison: ChartDatum[] = CHART_FIELDS.map((field) => ({
    label: t.fields[field],
    previous: comparableValue(compareMonthFigure(current.figures, previous?.figures ?? null, previous, "city", field)),
    current: current.figures.city[field].value,
  }));
  const comparisonSeries = [
    {
      key: "previous",
      label: previous
        ? previousLegend(t, formatMonthLabel(previous.month, locale), previous.isDemo)
        : t.chart.previousMonth,
      color: SERIES_COLORS[5],
    },
    {
      key: "current",
      label: withNote(t.chart.thisMonth, formatMonthLabel(month, locale), locale),
      color: SERIES_COLORS[0],
    },
  ];
  const trend: ChartDatum[] = history.map((m) => ({
    label: `${formatMonthShort(m.month, locale)}${m.isDemo ? "*" : ""}`,
    applied: m.figures.city.applied.value,
    accepted: m.figures.city.accepted.value,
    completed: m.figures.city.completed.value,
  }));
  const trendSeries = (["applied", "accepted", "completed"] as const).map((key, i) => ({
    key,
    label: t.fields[key],
    color: SERIES_COLORS[i]!,
  }));
  const anyDemo = history.some((m) => m.isDemo);
  // A city figure's detail: the 市本级 annex sorted by that figure (its rows add up to it, with 附件2).
  const keyDetailOf = (field: HeadlineField) =>
    field === "activeEvaluationRate" || field === "activeEvaluations"
      ? `/${month}/evaluations`
      : field === "overdueCompleted"
        ? `/${month}/timeliness`
        : `/${month}/municipal?sort=${field}&dir=asc`;
  const detailOf = (field: HeadlineField) =>
    `/${month}/municipal${(ANNEX_FIELDS as readonly string[]).includes(field) ? `?sort=${field}&dir=desc` : ""}`;

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-bold text-slate-900">{t.overview.heading}</h1>
        <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-700" data-testid="overview-lead">
          {fill(t.overview.lead, {
            month: formatMonthLabel(month, locale),
            applied: value("applied"),
            accepted: value("accepted"),
            completed: value("completed"),
          })}
          <span className="text-slate-600">{withNote("", t.overview.batchNote, locale)}</span>
        </p>
      </section>
      <section aria-labelledby="key-heading" className="space-y-3">
        <h2 id="key-heading" className="text-base font-semibold text-slate-800">
          {t.overview.keySection}
        </h2>
        <ScopeKpis
          fields={KEY_FIELDS}
          scope="city"
          current={current}
          previous={previous}
          messages={t}
          testIdPrefix="kpi"
          hrefOf={keyDetailOf}
        />
      </section>
      <section aria-labelledby="cases-heading" className="space-y-3">
        <h2 id="cases-heading" className="text-base font-semibold text-slate-800">
          {t.overview.casesSection}
        </h2>
        <ScopeKpis
          fields={CASE_FIELDS}
          scope="city"
          current={current}
          previous={previous}
          messages={t}
          testIdPrefix="kpi"
          hrefOf={detailOf}
        />
      </section>
      <section aria-labelledby="online-heading" className="space-y-3">
        <h2 id="online-heading" className="text-base font-semibold text-slate-800">
          {t.overview.onlineSection}
        </h2>
        <ScopeKpis
          fields={ONLINE_FIELDS}
          scope="city"
          current={current}
          previous={previous}
          messages={t}
          testIdPrefix="kpi"
          hrefOf={detailOf}
        />
      </section>
      {attention && <AttentionPanel attention={attention} month={month} messages={t.readers.home} locale={locale} />}
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure
          title={t.overview.chartTitle}
          data={comparison}
          series={comparisonSeries}
          categoryLabel={t.chart.unit}
          tableLabel={t.chart.showTable}
          testId="figure-1"
        >
          <LazyBarChart
            label={t.overview.chartTitle}
            data={comparison}
            series={comparisonSeries}
            horizontal
            height={320}
          />
          <AudienceLink
            href={`/${month}/municipal`}
            className="mt-2 inline-block py-0.5 text-sm text-brand-700 hover:underline print:hidden"
          >
            {labelled(t.readers.home.detail, t.nav.municipal, locale)}
          </AudienceLink>
        </ChartFigure>
        <ChartFigure
          title={t.overview.trendTitle}
          data={trend}
          series={trendSeries}
          categoryLabel={t.chart.month}
          tableLabel={t.chart.showTable}
          testId="trend"
        >
          <LazyLineChart label={t.overview.trendTitle} data={trend} series={trendSeries} height={320} />
          {anyDemo && (
            <p className="mt-2 text-xs text-amber-800">
              <DemoBadge label={t.demo.badge} /> <span className="ml-1">{t.demo.chartNote}</span>
            </p>
          )}
        </ChartFigure>
      </div>
    </div>
  );
}
