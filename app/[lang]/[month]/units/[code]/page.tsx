import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, SERIES_COLORS } from "@/components/charts/chart-types";
import { LazyLineChart } from "@/components/charts/lazy-charts";
import { OwnTasksPanel } from "@/components/rectification/own-tasks-panel";
import { BackLink } from "@/components/ui/back-link";
import { DemoBadge } from "@/components/ui/demo-badge";
import Link from "@/components/ui/locale-link";
import { getBulletin } from "@/lib/bulletin/read-bulletin";
import { formatMonthLabel, formatMonthShort } from "@/lib/calendar/month";
import { getCurrentCaseImport } from "@/lib/case-records/drill-down/case-drill-down";
import { getMonthView } from "@/lib/dashboard/month-view";
import { thresholdText, unitFigure } from "@/lib/dashboard/sections/problem-figures";
import { type Standing, unitStanding } from "@/lib/dashboard/sections/unit-standing";
import { getUnit } from "@/lib/dashboard/unit-history";
import { unitCodeParam } from "@/lib/http/route-params";
import { type FormatLocale, formatCount, formatPoints, formatRate, formatSignedCount } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { pageMessages } from "@/lib/i18n/page-locale";
import { labelled, marks, nameLang, paren, withNote } from "@/lib/i18n/punctuation";
import { hasNoCases, rowActiveEvaluationRate } from "@/lib/indicators";
import { ANNEX_GROUPS, isRateField } from "@/lib/indicators/annex-layout";
import { missingRateBase } from "@/lib/indicators/rate-bases";

export async function generateStaticParams(): Promise<Array<{ code: string }>> {
  return [];
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ month: string; code: string }>;
}): Promise<Metadata> {
  const { month, code } = await params;
  const unit = await getUnit(code);
  return { title: unit ? `${unit.name} ${month}` : month };
}

const formatValue = (s: Standing, locale: FormatLocale) =>
  s.kind === "count" ? formatCount(s.value, { locale }) : formatRate(s.value, locale);
const formatChange = (s: Standing, locale: FormatLocale) =>
  s.kind === "count" ? formatSignedCount(s.change, { locale }) : formatPoints(s.change, locale);

export default async function UnitPage({ params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  if (!unitCodeParam(code)) notFound();
  const [unit, view, bulletin, caseImport] = await Promise.all([
    getUnit(code),
    getMonthView(month),
    getBulletin(month),
    getCurrentCaseImport(month),
  ]);
  if (!unit || !view) notFound();
  const { t, locale } = await pageMessages();
  const row = view.current.rows.find((r) => r.unitCode === code) ?? null;
  const peers = view.current.rows.filter((r) => r.kind === unit.kind);
  const standing = unitStanding(
    peers,
    (view.previous?.rows ?? []).filter((r) => r.kind === unit.kind),
    code,
  );
  // Of this month's problems, those naming this unit, each with this unit's own figure only.
  const named = (bulletin?.problems ?? []).flatMap((problem) => {
    const own = problem.units.find((u) => u.unitCode === code);
    return own ? [{ problem, own }] : [];
  });
  const noCases = row !== null && hasNoCases(row);
  const peersLabel = unit.kind === "DEPARTMENT" ? t.unit.peersDepartments : t.unit.peersDistricts;
  const scopeHref = `/${month}/${unit.kind === "DEPARTMENT" ? "municipal" : "districts"}`;
  const evaluationRate = row ? rowActiveEvaluationRate(row) : null;

  const history = view.history.map((m) => ({
    month: m.month,
    isDemo: m.isDemo,
    row: m.rows.find((r) => r.unitCode === code) ?? null,
  }));
  const trend: ChartDatum[] = history.map((h) => ({
    label: `${formatMonthShort(h.month, locale)}${h.isDemo ? "*" : ""}`,
    applied: h.row?.applied ?? null,
    accepted: h.row?.accepted ?? null,
    completed: h.row?.completed ?? null,
  }));
  const trendSeries = (["applied", "accepted", "completed"] as const).map((key, i) => ({
    key,
    label: t.fields[key],
    color: SERIES_COLORS[i]!,
  }));
  const rateTrend: ChartDatum[] = history.map((h) => ({
    label: `${formatMonthShort(h.month, locale)}${h.isDemo ? "*" : ""}`,
    coverageRate: h.row?.coverageRate ?? null,
    earlyCompletionRate: h.row?.earlyCompletionRate ?? null,
  }));
  const rateSeries = (["coverageRate", "earlyCompletionRate"] as const).map((key, i) => ({
    key,
    label: t.fields[key],
    color: SERIES_COLORS[i + 2]!,
  }));
  const historyFields = [
    "applied",
    "accepted",
    "completed",
    "overdueCompleted",
    "onlineApplied",
    "activeEvaluations",
    "coverageRate",
  ] as const;

  const r = t.readers;
  // A comparison with a generated month says so where it is read: on each change and previous rank.
  const previousDemo = view.previous?.isDemo ? withNote("", t.figures.previousDemo, locale) : "";
  const m = marks(locale);
  return (
    <div className="space-y-6">
      {/* 整改 (issue 21): the unit's own users see its tasks waiting for an answer, asked for in the browser. */}
      <OwnTasksPanel unitCode={code} t={t.rectification} />
      <div>
        <BackLink
          href={scopeHref}
          label={labelled(t.unit.back, unit.kind === "DEPARTMENT" ? t.nav.municipal : t.nav.districts, locale)}
          fallbackHref={`/${month}`}
          fallbackLabel={labelled(t.unit.back, t.nav.overview, locale)}
        />
        <h1 className="mt-1 text-xl font-bold text-slate-900" data-testid="unit-heading">
          <span lang={nameLang(locale)}>{unit.name}</span>
          {t.unit.headingSuffix}
        </h1>
        <p className="text-sm text-slate-600">{formatMonthLabel(month, locale)}</p>
      </div>

      {!row && <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t.unit.notInMonth}</p>}

      {row && (
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="rank" data-print-whole>
          <h2 id="rank" className="mb-3 text-base font-semibold text-slate-800">
            {fill(r.unit.rankHeading, { peers: peersLabel, total: peers.length })}
          </h2>
          {noCases && (
            <p className="mb-3 rounded bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="no-cases">
              {r.states.noCasesLead}
              {fill(r.states.noCasesCoverage, { rate: formatRate(row.coverageRate, locale) })}
              {row.activeEvaluations > 0 && (
                <>
                  {m.semicolon}
                  {fill(r.states.noCasesEvaluations, { count: formatCount(row.activeEvaluations, { locale }) })}
                </>
              )}
              {m.stop}
            </p>
          )}
          <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5" data-testid="unit-standing">
            {standing
              .filter((s) => !noCases || s.measure === "coverageRate" || s.measure === "activeEvaluations")
              .map((s) => {
                const reason =
                  s.value === null && s.measure !== "activeEvaluationRate" ? missingRateBase(row, s.measure) : null;
                return (
                  <li key={s.measure} className="rounded bg-slate-50 p-3" data-rank={s.measure}>
                    <div className="text-slate-700">
                      {t.fields[s.measure]}
                      {s.order === "asc" && (
                        <span className="ml-1 text-xs text-slate-600">{paren(r.unit.lowerFirst, locale)}</span>
                      )}
                    </div>
                    <div className="tabular mt-1 text-lg font-semibold text-slate-900" data-rank-value>
                      {s.rank === null ? r.unit.notRanked : fill(t.unit.rankValue, { rank: s.rank, total: s.total })}
                    </div>
                    <div className="tabular mt-0.5 text-xs text-slate-700">
                      <span data-value>{s.value === null ? "—" : formatValue(s, locale)}</span>
                      {reason && (
                        <span className="block">
                          {r.states.noBaseReason[reason as keyof typeof r.states.noBaseReason]}
                        </span>
                      )}
                      {s.change !== null && (
                        <span className="keep-words ml-1" data-change>
                          {t.kpi.vsPreviousMonth} {s.change === 0 ? t.kpi.unchanged : formatChange(s, locale)}
                          {previousDemo}
                        </span>
                      )}
                      {s.previousRank !== null && s.rank !== null && (
                        <span className="block text-slate-600" data-previous-rank>
                          {fill(r.unit.rankMoved, { rank: s.previousRank })}
                          {previousDemo}
                        </span>
                      )}
                    </div>
                  </li>
                );
              })}
          </ul>
          {evaluationRate !== null &&
            row.activeEvaluations > 0 &&
            (evaluationRate.value !== null || evaluationRate.gap) && (
              <p className="mt-3 text-sm text-slate-700" data-testid="evaluation-rate">
                {t.fields.activeEvaluationRate}
                {m.colon}
                <span className="tabular font-medium text-slate-900">{formatRate(evaluationRate.value, locale)}</span>
                <span className="ml-1 text-xs text-slate-600">
                  {paren(t.unit.evaluationBasis[evaluationRate.gap ?? evaluationRate.basis ?? "noInclBatch"], locale)}
                </span>
              </p>
            )}
        </section>
      )}

      <section
        className="rounded-lg border border-slate-200 bg-white p-4"
        aria-labelledby="named"
        data-testid="unit-problems"
      >
        <h2 id="named" className="mb-2 text-base font-semibold text-slate-800">
          {r.unit.problemsHeading}
        </h2>
        {named.length === 0 ? (
          <p className="text-sm text-slate-700">{r.unit.problemsNone}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {named.map(({ problem, own }) => (
              <li
                key={problem.kind}
                className="rounded border-l-4 border-rose-600 bg-rose-50 px-3 py-2 text-slate-800"
                data-problem={problem.kind}
              >
                <div className="font-semibold" data-rule-sentence>
                  {fill(t.sections.problems.rules[problem.kind], {
                    threshold: thresholdText(problem.kind, problem.threshold, locale),
                  })}
                </div>
                <div className="tabular">{fill(r.unit.problemWhy, { figure: unitFigure(problem, own, t) })}</div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {row && !noCases && (
        <details className="rounded-lg border border-slate-200 bg-white p-4" data-testid="unit-figures">
          <summary className="cursor-pointer text-base font-semibold text-slate-800">{r.unit.figuresHeading}</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            {ANNEX_GROUPS.map((group) => (
              <dl key={group.group} className="text-sm">
                <dt className="mb-1 font-medium text-slate-600">{t.annex.groups[group.group]}</dt>
                {group.fields.map((field) => {
                  const missing = missingRateBase(row, field);
                  return (
                    <dd
                      key={field}
                      className="flex justify-between gap-2 border-b border-slate-100 py-1"
                      data-field={field}
                    >
                      <span className="text-slate-700">{t.annex.columns[field]}</span>
                      <span
                        className="tabular font-medium"
                        title={
                          missing ? r.states.noBaseReason[missing as keyof typeof r.states.noBaseReason] : undefined
                        }
                      >
                        {missing
                          ? "—"
                          : isRateField(field)
                            ? formatRate(row[field], locale)
                            : formatCount(row[field], { locale })}
                      </span>
                    </dd>
                  );
                })}
              </dl>
            ))}
          </div>
        </details>
      )}

      <section
        className="rounded-lg border border-slate-200 bg-white p-4"
        aria-labelledby="drill-down"
        data-testid="unit-drill-down"
      >
        <h2 id="drill-down" className="mb-2 text-base font-semibold text-slate-800">
          {t.drillDown.sectionHeading}
        </h2>
        {caseImport ? (
          <p className="text-sm text-slate-700">
            {t.drillDown.sectionLead}{" "}
            <Link
              href={`/${month}/units/${code}/items`}
              className="font-medium text-brand-700 underline underline-offset-2"
              data-testid="unit-items-link"
            >
              {t.drillDown.sectionLink}
            </Link>
          </p>
        ) : (
          <p className="text-sm text-slate-700" data-testid="no-case-records">
            {t.drillDown.noCaseRecords}
          </p>
        )}
      </section>

      <h2 className="text-base font-semibold text-slate-800">{r.unit.trendHeading}</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure
          title={labelled(t.unit.history, t.overview.casesSection, locale)}
          data={trend}
          series={trendSeries}
          categoryLabel={t.chart.month}
          tableLabel={t.chart.showTable}
          testId="unit-trend"
        >
          <LazyLineChart
            label={`${unit.name} ${labelled(t.unit.history, t.overview.casesSection, locale)}`}
            data={trend}
            series={trendSeries}
          />
        </ChartFigure>
        <ChartFigure
          title={labelled(t.unit.history, `${t.fields.coverageRate} / ${t.fields.earlyCompletionRate}`, locale)}
          data={rateTrend}
          series={rateSeries}
          valueKind="rate"
          categoryLabel={t.chart.month}
          tableLabel={t.chart.showTable}
          testId="unit-rate-trend"
        >
          <LazyLineChart
            label={`${unit.name} ${labelled(t.unit.history, `${t.fields.coverageRate} / ${t.fields.earlyCompletionRate}`, locale)}`}
            data={rateTrend}
            series={rateSeries}
            valueKind="rate"
          />
        </ChartFigure>
      </div>
      {history.some((h) => h.isDemo) && (
        <p className="text-xs text-amber-800" data-testid="unit-demo-note">
          <DemoBadge label={t.demo.badge} /> <span className="ml-1">{t.demo.chartNote}</span>
        </p>
      )}

      <section className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold text-slate-800">{t.unit.history}</h2>
          <a
            href={`/api/export/${month}/unit/${code}`}
            className="rounded border border-brand-600 px-2 py-1 text-xs text-brand-700 hover:bg-brand-50"
            data-testid="unit-export"
          >
            {t.annex.exportCsv}
          </a>
        </div>
        <section
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          tabIndex={0}
          aria-label={t.unit.history}
        >
          <table className="tabular w-full border-collapse text-right text-sm" data-testid="unit-history">
            <thead className="bg-slate-100">
              <tr>
                <th className="px-2 py-1 text-left">{t.chart.month}</th>
                {historyFields.map((f) => (
                  <th key={f} className="px-2 py-1">
                    {t.fields[f]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...history].reverse().map((h) => (
                <tr key={h.month} className="border-t border-slate-100" data-month={h.month}>
                  <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                    <Link
                      href={`/${h.month}/units/${code}`}
                      className="inline-block py-1 text-brand-700 hover:underline"
                    >
                      {formatMonthLabel(h.month, locale)}
                    </Link>
                    {h.isDemo && (
                      <span className="ml-2">
                        <DemoBadge label={t.demo.badge} />
                      </span>
                    )}
                  </th>
                  {historyFields.map((f) => (
                    <td key={f} className="px-2 py-1">
                      {h.row
                        ? isRateField(f)
                          ? formatRate(h.row[f], locale)
                          : formatCount(h.row[f], { locale })
                        : "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
    </div>
  );
}
