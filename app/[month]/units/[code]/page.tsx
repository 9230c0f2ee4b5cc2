import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChartFigure } from "@/components/charts/chart-figure";
import { SERIES_COLORS, type ChartDatum } from "@/components/charts/chart-types";
import { LazyLineChart } from "@/components/charts/lazy-charts";
import { BackLink } from "@/components/ui/back-link";
import { DemoBadge } from "@/components/ui/demo-badge";
import { ANNEX_GROUPS, isRateField } from "@/lib/annex-layout";
import { formatCount, formatRate } from "@/lib/format";
import { hasNoCases, rankOf, rowActiveEvaluationRate, type RankBy } from "@/lib/indicators";
import { fill, getMessages } from "@/lib/i18n/messages";
import { formatMonthLabel, formatMonthShort } from "@/lib/month";
import { getMonthView } from "@/lib/queries/month-view";
import { getUnit } from "@/lib/queries/unit-history";

export async function generateStaticParams(): Promise<Array<{ code: string }>> {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ month: string; code: string }> }): Promise<Metadata> {
  const { month, code } = await params;
  const unit = await getUnit(code);
  return { title: unit ? `${unit.name} ${month}` : month };
}

const RANK_FIELDS: Array<{ by: RankBy; field: "completed" | "applied" | "activeEvaluations" | "coverageRate" }> = [
  { by: "completed", field: "completed" },
  { by: "applied", field: "applied" },
  { by: "activeEvaluations", field: "activeEvaluations" },
  { by: "coverageRate", field: "coverageRate" },
];

export default async function UnitPage({ params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  const [unit, view] = await Promise.all([getUnit(code), getMonthView(month)]);
  if (!unit || !view) notFound();
  const t = getMessages();
  const row = view.current.rows.find((r) => r.unitCode === code) ?? null;
  const peers = view.current.rows.filter((r) => r.kind === unit.kind);
  const peersLabel = unit.kind === "DEPARTMENT" ? t.unit.peersDepartments : t.unit.peersDistricts;
  const scopeHref = `/${month}/${unit.kind === "DEPARTMENT" ? "municipal" : "districts"}`;
  const evaluationRate = row ? rowActiveEvaluationRate(row) : null;

  const history = view.history.map((m) => ({ month: m.month, isDemo: m.isDemo, row: m.rows.find((r) => r.unitCode === code) ?? null }));
  const trend: ChartDatum[] = history.map((h) => ({
    label: `${formatMonthShort(h.month)}${h.isDemo ? "*" : ""}`,
    applied: h.row?.applied ?? null,
    accepted: h.row?.accepted ?? null,
    completed: h.row?.completed ?? null,
  }));
  const trendSeries = (["applied", "accepted", "completed"] as const).map((key, i) => ({ key, label: t.fields[key], color: SERIES_COLORS[i]! }));
  const rateTrend: ChartDatum[] = history.map((h) => ({
    label: `${formatMonthShort(h.month)}${h.isDemo ? "*" : ""}`,
    coverageRate: h.row?.coverageRate ?? null,
    earlyCompletionRate: h.row?.earlyCompletionRate ?? null,
  }));
  const rateSeries = (["coverageRate", "earlyCompletionRate"] as const).map((key, i) => ({ key, label: t.fields[key], color: SERIES_COLORS[i + 2]! }));
  const historyFields = ["applied", "accepted", "completed", "overdueCompleted", "onlineApplied", "activeEvaluations", "coverageRate"] as const;

  return (
    <div className="space-y-6">
      <div>
        <BackLink
          href={scopeHref}
          label={`${t.unit.back}：${unit.kind === "DEPARTMENT" ? t.nav.municipal : t.nav.districts}`}
          fallbackHref={`/${month}`}
          fallbackLabel={`${t.unit.back}：${t.nav.overview}`}
        />
        <h1 className="mt-1 text-xl font-bold text-slate-900" data-testid="unit-heading">
          {unit.name}
          {t.unit.headingSuffix}
        </h1>
        <p className="text-sm text-slate-600">{formatMonthLabel(month)}</p>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="month-row">
        <h2 id="month-row" className="mb-3 text-base font-semibold text-slate-800">{t.unit.monthRow}</h2>
        {!row ? (
          <p className="text-slate-600">{t.unit.notInMonth}</p>
        ) : (
          <>
            {hasNoCases(row) && (
              <p className="mb-3 rounded bg-slate-100 px-3 py-2 text-sm text-slate-600" data-testid="no-cases">
                {t.annex.noCases}
              </p>
            )}
            <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
              {ANNEX_GROUPS.map((group) => (
                <dl key={group.group} className="text-sm">
                  <dt className="mb-1 font-medium text-slate-600">{t.annex.groups[group.group]}</dt>
                  {group.fields.map((field) => (
                    <dd key={field} className="flex justify-between gap-2 border-b border-slate-100 py-1" data-field={field}>
                      <span className="text-slate-600">{t.annex.columns[field]}</span>
                      <span className="tabular font-medium">{isRateField(field) ? formatRate(row[field]) : formatCount(row[field])}</span>
                    </dd>
                  ))}
                </dl>
              ))}
            </div>
            {evaluationRate?.value != null && row.activeEvaluations > 0 && (
              <p className="mt-3 text-sm text-slate-600" data-testid="evaluation-rate">
                {t.fields.activeEvaluationRate}：<span className="tabular font-medium text-slate-900">{formatRate(evaluationRate.value)}</span>
                <span className="ml-1 text-xs text-slate-600">（{t.unit.evaluationBasis[evaluationRate.basis]}）</span>
              </p>
            )}
          </>
        )}
      </section>

      {row && (
        <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="rank">
          <h2 id="rank" className="mb-3 text-base font-semibold text-slate-800">{fill(t.unit.rank, { peers: peersLabel })}</h2>
          <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
            {RANK_FIELDS.map(({ by, field }) => {
              const rank = rankOf(peers, code, by);
              return (
                <div key={field} className="rounded bg-slate-50 p-3" data-rank={field}>
                  <dt className="text-slate-600">{t.fields[field]}</dt>
                  <dd className="tabular mt-1 text-lg font-semibold">{rank === null ? "—" : fill(t.unit.rankValue, { rank, total: peers.length })}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartFigure title={`${t.unit.history}：${t.overview.casesSection}`} data={trend} series={trendSeries} categoryLabel={t.chart.month} tableLabel={t.chart.showTable} testId="unit-trend">
          <LazyLineChart label={`${unit.name} ${t.unit.history}：${t.overview.casesSection}`} data={trend} series={trendSeries} />
        </ChartFigure>
        <ChartFigure title={`${t.unit.history}：${t.fields.coverageRate} / ${t.fields.earlyCompletionRate}`} data={rateTrend} series={rateSeries} valueKind="rate" categoryLabel={t.chart.month} tableLabel={t.chart.showTable} testId="unit-rate-trend">
          <LazyLineChart label={`${unit.name} ${t.unit.history}：${t.fields.coverageRate} / ${t.fields.earlyCompletionRate}`} data={rateTrend} series={rateSeries} valueKind="rate" />
        </ChartFigure>
      </div>

      <section className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold text-slate-800">{t.unit.history}</h2>
          <a href={`/api/export/${month}/unit/${code}`} className="rounded border border-brand-600 px-2 py-1 text-xs text-brand-700 hover:bg-brand-50" data-testid="unit-export">
            {t.annex.exportCsv}
          </a>
        </div>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="tabular w-full border-collapse text-right text-sm" data-testid="unit-history">
            <thead className="bg-slate-100">
              <tr>
                <th className="px-2 py-1 text-left">{t.chart.month}</th>
                {historyFields.map((f) => (
                  <th key={f} className="px-2 py-1">{t.fields[f]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...history].reverse().map((h) => (
                <tr key={h.month} className="border-t border-slate-100" data-month={h.month}>
                  <th scope="row" className="px-2 py-1 text-left font-normal whitespace-nowrap">
                    <Link href={`/${h.month}/units/${code}`} className="text-brand-700 hover:underline">{formatMonthLabel(h.month)}</Link>
                    {h.isDemo && <span className="ml-2"><DemoBadge label={t.demo.badge} /></span>}
                  </th>
                  {historyFields.map((f) => (
                    <td key={f} className="px-2 py-1">
                      {h.row ? (isRateField(f) ? formatRate(h.row[f]) : formatCount(h.row[f])) : "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
