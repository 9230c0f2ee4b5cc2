import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulletinFigureChart } from "@/components/bulletin/bulletin-figure";
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, SERIES_COLORS } from "@/components/charts/chart-types";
import { LazyLineChart } from "@/components/charts/lazy-charts";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { numClass, SectionTable, tdClass, thClass } from "@/components/dashboard/section-parts";
import { DemoBadge } from "@/components/ui/demo-badge";
import Link from "@/components/ui/locale-link";
import { getBulletin } from "@/lib/bulletin/read-bulletin";
import { formatMonthLabel, formatMonthShort } from "@/lib/calendar/month";
import { comparisonBadge, figureNoteText, figureValueText, figureWithNote } from "@/lib/dashboard/format-figure";
import { getMonthView } from "@/lib/dashboard/month-view";
import { type EvaluationLine, evaluationsSection } from "@/lib/dashboard/sections/evaluations";
import { formatCount, formatRate } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageMessages } from "@/lib/i18n/page-locale";
import { nameLang, withNote } from "@/lib/i18n/punctuation";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).sections.evaluations.heading} ${month}` };
}

export default async function EvaluationsPage({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  const [view, bulletin] = await Promise.all([getMonthView(month), getBulletin(month)]);
  if (!view || !bulletin) notFound();
  const { t, locale } = await pageMessages();
  const s = t.sections;
  const section = evaluationsSection(view.current, view.previous, { municipalName: t.nav.municipal });
  const { city } = section;
  const unit = s.evaluationUnit;
  const rateText = (rate: number | null, approximate: boolean) =>
    withNote(formatRate(rate, locale), approximate ? s.approximate : null, locale);
  const evaluationsChange = comparisonBadge(city.comparisons.evaluations, t, unit);
  const rateChange = comparisonBadge(city.comparisons.rate, t);
  const rateNote = figureNoteText(city.decisions.rate, t);
  const cityRateText = figureWithNote(city.decisions.rate, t);
  const fig4 = bulletin.figures.find((f) => f.id === "fig4")!;

  const trend: ChartDatum[] = view.history.map((m) => ({
    label: `${formatMonthShort(m.month, locale)}${m.isDemo ? "*" : ""}`,
    evaluations: m.scopes.city.figures.activeEvaluations.value,
  }));
  const trendSeries = [{ key: "evaluations", label: s.evaluations.kpiEvaluations, color: SERIES_COLORS[0] }];

  const line = (l: EvaluationLine, first: React.ReactNode) => (
    <tr key={l.key} data-unit={l.name} data-code={l.unitCode ?? "municipal"}>
      {first}
      <td className={numClass} data-field="activeEvaluations">
        {formatCount(l.evaluations, { locale })}
      </td>
      <td className={numClass} data-field="activeEvaluationRate">
        {rateText(l.rate, l.approximate)}
      </td>
      <td className={`${tdClass} text-xs text-slate-600`} data-basis={l.basis}>
        {s.basis[l.basis]}
      </td>
    </tr>
  );
  const unitLink = (l: EvaluationLine) =>
    l.unitCode ? (
      <Link href={`/${month}/units/${l.unitCode}`} className="text-brand-700 hover:underline" lang={nameLang(locale)}>
        {l.name}
      </Link>
    ) : (
      <Link href={`/${month}/municipal`} className="text-brand-700 hover:underline">
        {l.name}
      </Link>
    );

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-bold text-slate-900">{s.evaluations.heading}</h1>
        <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-700" data-testid="evaluations-lead">
          {fill(s.evaluations.lead, {
            month: formatMonthLabel(month, locale),
            evaluations: figureValueText(city.decisions.evaluations, t, unit),
            change: evaluationsChange.text,
            satisfaction: figureValueText(city.decisions.satisfaction, t),
            rate: cityRateText,
            rateChange: rateChange.text,
          })}
        </p>
      </section>
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <KpiCard
          testId="kpi-activeEvaluations"
          label={s.evaluations.kpiEvaluations}
          value={figureValueText(city.decisions.evaluations, t, unit)}
          change={evaluationsChange}
          context={figureNoteText(city.decisions.evaluations, t)}
          status={city.decisions.evaluations.status}
        />
        <KpiCard
          testId="kpi-satisfactionRate"
          label={s.evaluations.kpiSatisfaction}
          value={figureValueText(city.decisions.satisfaction, t)}
          change={comparisonBadge(city.comparisons.satisfaction, t)}
          context={figureNoteText(city.decisions.satisfaction, t)}
          status={city.decisions.satisfaction.status}
        />
        <KpiCard
          testId="kpi-activeEvaluationRate"
          label={s.evaluations.kpiRate}
          value={figureValueText(city.decisions.rate, t)}
          change={rateChange}
          context={rateNote}
          status={city.decisions.rate.status}
        />
      </div>
      {view.previous?.isDemo && (
        <p className="text-xs text-amber-800" role="note">
          <DemoBadge label={t.demo.badge} />{" "}
          <span className="ml-1">{fill(s.previousDemo, { month: formatMonthLabel(view.previous.month, locale) })}</span>
        </p>
      )}
      <p className="max-w-4xl text-xs leading-relaxed text-slate-600">{s.evaluations.definition}</p>

      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-800">{s.evaluations.scopesHeading}</h2>
        <SectionTable testId="evaluation-scopes" caption={s.evaluations.scopesHeading}>
          <thead>
            <tr>
              <th className={thClass}>{s.evaluations.columns.name}</th>
              <th className={`${thClass} text-right`}>{s.evaluations.columns.evaluations}</th>
              <th className={`${thClass} text-right`}>{s.evaluations.columns.rate}</th>
              <th className={thClass}>{s.evaluations.columns.basis}</th>
            </tr>
          </thead>
          <tbody>
            {[section.municipal, ...section.districts].map((l) =>
              line(
                l,
                <th scope="row" className={`${tdClass} text-left font-normal`}>
                  {unitLink(l)}
                </th>,
              ),
            )}
          </tbody>
        </SectionTable>
      </section>

      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-800">{s.evaluations.topHeading}</h2>
        <SectionTable testId="evaluation-top-departments" caption={s.evaluations.topHeading}>
          <thead>
            <tr>
              <th className={`${thClass} w-16`}>{s.evaluations.columns.rank}</th>
              <th className={thClass}>{s.evaluations.columns.department}</th>
              <th className={`${thClass} text-right`}>{s.evaluations.columns.evaluations}</th>
              <th className={`${thClass} text-right`}>{s.evaluations.columns.rate}</th>
              <th className={thClass}>{s.evaluations.columns.basis}</th>
            </tr>
          </thead>
          <tbody>
            {section.topDepartments.map((l) =>
              line(
                l,
                <>
                  <td className={`${tdClass} text-center`}>{l.rank}</td>
                  <th scope="row" className={`${tdClass} text-left font-normal`}>
                    {unitLink(l)}
                  </th>
                </>,
              ),
            )}
          </tbody>
        </SectionTable>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <BulletinFigureChart figure={fig4} testId="figure-4" />
        <ChartFigure
          title={s.evaluations.trendTitle}
          data={trend}
          series={trendSeries}
          categoryLabel={t.chart.month}
          tableLabel={t.chart.showTable}
          testId="evaluations-trend"
        >
          <LazyLineChart label={s.evaluations.trendTitle} data={trend} series={trendSeries} height={320} />
          {view.history.some((m) => m.isDemo) && (
            <p className="mt-2 text-xs text-amber-800">
              <DemoBadge label={t.demo.badge} /> <span className="ml-1">{t.demo.chartNote}</span>
            </p>
          )}
        </ChartFigure>
      </div>
    </div>
  );
}
