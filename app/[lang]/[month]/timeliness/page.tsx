import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, SERIES_COLORS } from "@/components/charts/chart-types";
import { LazyLineChart } from "@/components/charts/lazy-charts";
import { KpiCard } from "@/components/dashboard/kpi-card";
import { numClass, SectionTable, tdClass, thClass } from "@/components/dashboard/section-parts";
import { DemoBadge } from "@/components/ui/demo-badge";
import Link from "@/components/ui/locale-link";
import { formatMonthLabel, formatMonthShort } from "@/lib/calendar/month";
import {
  getCurrentCaseImport,
  getOverdueCases,
  OVERDUE_CASES_SHOWN,
} from "@/lib/case-records/drill-down/case-drill-down";
import { comparisonBadge, figureNoteText, figureValueText } from "@/lib/dashboard/format-figure";
import { getMonthView } from "@/lib/dashboard/month-view";
import { timelinessSection } from "@/lib/dashboard/sections/timeliness";
import { formatCount, formatRate } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).sections.timeliness.heading} ${month}` };
}

export default async function TimelinessPage({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  const [view, caseImport] = await Promise.all([getMonthView(month), getCurrentCaseImport(month)]);
  if (!view) notFound();
  const overdueCases = caseImport
    ? await getOverdueCases(caseImport.importId, caseImport.month, OVERDUE_CASES_SHOWN)
    : null;
  const { t, locale } = await pageMessages();
  const s = t.sections;
  const d = t.drillDown;
  const section = timelinessSection(view.current, view.previous);
  const city = section.scopes.find((x) => x.scope === "city")!;
  const anyDemo = view.history.some((m) => m.isDemo);

  const trend: ChartDatum[] = view.history.map((m) => ({
    label: `${formatMonthShort(m.month, locale)}${m.isDemo ? "*" : ""}`,
    overdue: m.scopes.city.figures.overdueCompleted.value,
    onTime: m.scopes.city.figures.onTimeCompletionRate.value,
  }));
  const overdueSeries = [{ key: "overdue", label: t.fields.overdueCompleted, color: SERIES_COLORS[3] }];
  const rateSeries = [{ key: "onTime", label: t.fields.onTimeCompletionRate, color: SERIES_COLORS[2] }];
  const demoNote = anyDemo && (
    <p className="mt-2 text-xs text-amber-800">
      <DemoBadge label={t.demo.badge} /> <span className="ml-1">{t.demo.chartNote}</span>
    </p>
  );

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-bold text-slate-900">{s.timeliness.heading}</h1>
        <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-700" data-testid="timeliness-lead">
          {fill(s.timeliness.lead, {
            month: formatMonthLabel(month, locale),
            overdue: formatCount(city.overdue, { unit: true, locale }),
            rate: formatRate(city.onTimeRate, locale),
          })}
        </p>
      </section>
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-3">
        {section.scopes.map((scope) => (
          <KpiCard
            key={scope.scope}
            testId={`kpi-${scope.scope}-overdueCompleted`}
            label={fill(s.timeliness.kpiOverdue, { scope: s.scopes[scope.scope] })}
            value={figureValueText(scope.decisions.overdue, t)}
            change={comparisonBadge(scope.comparisons.overdue, t)}
            context={figureNoteText(scope.decisions.overdue, t)}
            status={scope.decisions.overdue.status}
          />
        ))}
        {section.scopes.map((scope) => (
          <KpiCard
            key={`${scope.scope}-rate`}
            testId={`kpi-${scope.scope}-onTimeCompletionRate`}
            label={fill(s.timeliness.kpiOnTime, { scope: s.scopes[scope.scope] })}
            value={figureValueText(scope.decisions.onTimeRate, t)}
            change={comparisonBadge(scope.comparisons.onTimeRate, t)}
            context={figureNoteText(scope.decisions.onTimeRate, t)}
            status={scope.decisions.onTimeRate.status}
          />
        ))}
      </div>
      {view.previous?.isDemo && (
        <p className="text-xs text-amber-800" role="note">
          <DemoBadge label={t.demo.badge} />{" "}
          <span className="ml-1">{fill(s.previousDemo, { month: formatMonthLabel(view.previous.month, locale) })}</span>
        </p>
      )}
      <p className="max-w-4xl text-xs leading-relaxed text-slate-600">{s.timeliness.definition}</p>

      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-800">{s.timeliness.unitsHeading}</h2>
        {section.units.length === 0 ? (
          <p
            className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600"
            data-testid="overdue-units-none"
          >
            {s.timeliness.noUnits}
          </p>
        ) : (
          <SectionTable testId="overdue-units" caption={s.timeliness.unitsHeading}>
            <thead>
              <tr>
                <th className={thClass}>{s.timeliness.columns.unit}</th>
                <th className={thClass}>{s.timeliness.columns.kind}</th>
                <th className={`${thClass} text-right`}>{s.timeliness.columns.completed}</th>
                <th className={`${thClass} text-right`}>{s.timeliness.columns.overdue}</th>
                <th className={`${thClass} text-right`}>{s.timeliness.columns.promisedOverdue}</th>
                <th className={`${thClass} text-right`}>{s.timeliness.columns.onlinePromisedOverdue}</th>
                <th className={`${thClass} text-right`}>{s.timeliness.columns.onTimeRate}</th>
              </tr>
            </thead>
            <tbody>
              {section.units.map((u) => (
                <tr key={u.unitCode} data-unit={u.unitName} data-code={u.unitCode}>
                  <th scope="row" className={`${tdClass} text-left font-normal`}>
                    <Link
                      href={`/${month}/units/${u.unitCode}`}
                      className="text-brand-700 hover:underline"
                      lang={nameLang(locale)}
                    >
                      {u.unitName}
                    </Link>
                  </th>
                  <td className={tdClass}>{s.kinds[u.kind]}</td>
                  <td className={numClass}>{formatCount(u.completed, { locale })}</td>
                  <td className={numClass} data-field="overdueCompleted">
                    {formatCount(u.overdueCompleted, { locale })}
                  </td>
                  <td className={numClass}>{formatCount(u.promisedOverdueCompleted, { locale })}</td>
                  <td className={numClass}>{formatCount(u.onlinePromisedOverdueCompleted, { locale })}</td>
                  <td className={numClass} data-field="onTimeCompletionRate">
                    {formatRate(u.onTimeRate, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </SectionTable>
        )}
      </section>

      <section className="space-y-2" aria-labelledby="overdue-cases-heading">
        <h2 id="overdue-cases-heading" className="text-base font-semibold text-slate-800">
          {fill(d.overdueHeading, { shown: formatCount(OVERDUE_CASES_SHOWN, { locale }) })}
        </h2>
        {!overdueCases ? (
          <p
            className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600"
            data-testid="overdue-cases-no-records"
          >
            {d.overdueNoRecords}
          </p>
        ) : overdueCases.total === 0 ? (
          <p
            className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600"
            data-testid="overdue-cases-none"
          >
            {d.overdueNone}
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="overdue-cases-lead">
              {fill(d.overdueLead, {
                total: formatCount(overdueCases.total, { locale }),
                shown: formatCount(overdueCases.cases.length, { locale }),
              })}
            </p>
            <SectionTable
              testId="overdue-cases"
              caption={fill(d.overdueHeading, { shown: formatCount(OVERDUE_CASES_SHOWN, { locale }) })}
            >
              <thead>
                <tr>
                  <th className={thClass}>{d.columns.caseNo}</th>
                  <th className={thClass}>{d.columns.unit}</th>
                  <th className={thClass}>{d.columns.item}</th>
                  <th className={thClass}>{d.columns.acceptedAt}</th>
                  <th className={thClass}>{d.columns.completedAt}</th>
                  <th className={`${thClass} text-right`}>{d.columns.limitDays}</th>
                  <th className={`${thClass} text-right`}>{d.columns.elapsedDays}</th>
                  <th className={`${thClass} text-right`}>{d.columns.daysOver}</th>
                </tr>
              </thead>
              <tbody>
                {overdueCases.cases.map((c) => (
                  <tr key={`${c.unitCode}-${c.caseNo}`} data-case={c.caseNo} data-code={c.unitCode}>
                    <th scope="row" className={`${tdClass} text-left font-mono font-normal`}>
                      {c.caseNo}
                    </th>
                    <td className={tdClass} lang={nameLang(locale)}>
                      <Link href={`/${month}/units/${c.unitCode}`} className="text-brand-700 hover:underline">
                        {c.unitName}
                      </Link>
                    </td>
                    <td className={tdClass} lang={nameLang(locale)}>
                      {c.segment ? (
                        <Link
                          href={`/${month}/units/${c.unitCode}/items/${c.segment}`}
                          className="text-brand-700 hover:underline"
                        >
                          {c.itemName}
                        </Link>
                      ) : (
                        c.itemName
                      )}
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>{c.acceptedAt ?? "—"}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{c.completedAt ?? "—"}</td>
                    <td className={numClass}>{formatCount(c.limitDays, { locale })}</td>
                    <td className={numClass}>
                      {c.elapsedDays === null ? "—" : formatCount(c.elapsedDays, { locale })}
                    </td>
                    <td className={numClass} data-field="daysOver">
                      {formatCount(c.daysOver, { locale })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </SectionTable>
          </>
        )}
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure
          title={s.timeliness.trendOverdueTitle}
          data={trend}
          series={overdueSeries}
          categoryLabel={t.chart.month}
          tableLabel={t.chart.showTable}
          testId="timeliness-trend-overdue"
        >
          <LazyLineChart label={s.timeliness.trendOverdueTitle} data={trend} series={overdueSeries} height={300} />
          {demoNote}
        </ChartFigure>
        <ChartFigure
          title={s.timeliness.trendRateTitle}
          data={trend}
          series={rateSeries}
          valueKind="rate"
          categoryLabel={t.chart.month}
          tableLabel={t.chart.showTable}
          testId="timeliness-trend-rate"
        >
          <LazyLineChart
            label={s.timeliness.trendRateTitle}
            data={trend}
            series={rateSeries}
            valueKind="rate"
            height={300}
          />
          {demoNote}
        </ChartFigure>
      </div>
    </div>
  );
}
