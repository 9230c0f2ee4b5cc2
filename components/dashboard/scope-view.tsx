// 市本级 (section 二 + 附件1 + 图2) and 县（市、区） (section 三 + 附件2 + 图3)
// share one shape: stated summary with changes, the best performers, the
// reconciliation of stated totals against the rows, the chart and the annex.
import { ChartFigure } from "@/components/charts/chart-figure";
import { type ChartDatum, SERIES_COLORS } from "@/components/charts/chart-types";
import { SvgBarChart } from "@/components/charts/svg-bar-chart";
import { AnnexTable, type AnnexTableRow } from "@/components/dashboard/annex-table";
import { ScopeKpis } from "@/components/dashboard/scope-kpis";
import { formatMonthLabel } from "@/lib/calendar/month";
import { figureWithNote, previousLegend } from "@/lib/dashboard/format-figure";
import type { MonthWithScopes } from "@/lib/dashboard/month-view";
import { formatCount, formatPoints, formatRate, formatSignedCount } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { pageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang, withNote } from "@/lib/i18n/punctuation";
import { ANNEX_FIELDS, HEADLINE_FIELDS, type HeadlineField, hasNoCases, reconcile, topN } from "@/lib/indicators";

// The scope pages show the bulletin's headline figures on cases and the online share: those its
// text gives before 超时办结.
const MUNICIPAL_FIELDS: HeadlineField[] = HEADLINE_FIELDS.slice(0, HEADLINE_FIELDS.indexOf("overdueCompleted"));
// The bulletin states no speed-up rates for the counties as a whole.
const DISTRICT_FIELDS: HeadlineField[] = MUNICIPAL_FIELDS.filter(
  (f) => !["promiseSpeedupRate", "handlingSpeedupRate", "earlyCompletionRate"].includes(f),
);

export async function ScopeView({
  kind,
  current,
  previous,
}: {
  kind: "DEPARTMENT" | "DISTRICT";
  current: MonthWithScopes;
  previous: MonthWithScopes | null;
}) {
  const { t, locale } = await pageMessages();
  const isMunicipal = kind === "DEPARTMENT";
  const text = isMunicipal ? t.municipal : t.districts;
  const scopeKey = isMunicipal ? "municipal" : "districts";
  const rows = current.rows.filter((r) => r.kind === kind);
  const previousRows = new Map((previous?.rows ?? []).filter((r) => r.kind === kind).map((r) => [r.unitCode, r]));
  const top = topN(rows, "completed", isMunicipal ? 4 : 3).filter((r) => r.completed > 0);
  const topCodes = new Set(top.map((r) => r.unitCode));
  const reported = current.summaries[isMunicipal ? "MUNICIPAL" : "DISTRICTS"];
  const discrepancies = reported ? reconcile(reported, rows) : [];
  const value = (field: HeadlineField) => figureWithNote(current.figures[scopeKey][field], t);
  const m = marks(locale);

  const tableRows: AnnexTableRow[] = rows.map((row) => {
    const out = {
      unitCode: row.unitCode,
      unitName: row.unitName,
      seq: row.seq,
      noCases: hasNoCases(row),
      top: topCodes.has(row.unitCode),
    } as AnnexTableRow;
    for (const field of ANNEX_FIELDS) out[field] = row[field];
    return out;
  });

  // 图2/图3: completions per unit, this month against last, for units with cases in either.
  const chartRows = rows.filter((r) => r.completed > 0 || (previousRows.get(r.unitCode)?.completed ?? 0) > 0);
  const chartData: ChartDatum[] = chartRows.map((r) => ({
    label: r.unitName,
    previous: previousRows.get(r.unitCode)?.completed ?? null,
    current: r.completed,
  }));
  const chartSeries = [
    {
      key: "previous",
      label: `${previous ? previousLegend(t, formatMonthLabel(previous.month, locale), previous.isDemo) : t.chart.previousMonth} ${t.fields.completed}`,
      color: SERIES_COLORS[5],
    },
    {
      key: "current",
      label: `${withNote(t.chart.thisMonth, formatMonthLabel(current.month, locale), locale)} ${t.fields.completed}`,
      color: SERIES_COLORS[0],
    },
  ];

  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-xl font-bold text-slate-900">{text.heading}</h1>
        <p className="mt-2 max-w-4xl text-sm leading-relaxed text-slate-700" data-testid="scope-lead">
          {formatMonthLabel(current.month, locale)}
          {m.comma}
          {fill(text.lead, { applied: value("applied"), accepted: value("accepted"), completed: value("completed") })}
        </p>
        {top.length > 0 && (
          <p className="mt-1 text-sm text-slate-700" data-testid="top-units">
            {text.topLead}
            {top.map((r, i) => (
              <span key={r.unitCode}>
                {i > 0 && m.list}
                <strong className="font-semibold" lang={nameLang(locale)}>
                  {r.unitName}
                </strong>{" "}
                {formatCount(r.completed, { unit: true, locale })}
              </span>
            ))}
            {m.stop}
          </p>
        )}
      </section>
      <ScopeKpis
        fields={isMunicipal ? MUNICIPAL_FIELDS : DISTRICT_FIELDS}
        scope={scopeKey}
        current={current}
        previous={previous}
        messages={t}
        testIdPrefix={`${scopeKey}-kpi`}
      />
      {reported && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="reconciliation">
          <h2 className="font-semibold text-slate-800">{t.municipal.reconciliation}</h2>
          {discrepancies.length === 0 ? (
            <p className="mt-1 text-slate-600">{t.municipal.reconciliationOk}</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-slate-700">
              {discrepancies.map((d) => (
                <li key={d.field} data-field={d.field}>
                  {fill(t.municipal.discrepancy, {
                    field: t.fields[d.field as keyof typeof t.fields] ?? d.field,
                    reported:
                      d.kind === "rate"
                        ? formatRate(d.reported, locale)
                        : formatCount(d.reported, { unit: true, locale }),
                    computed:
                      d.kind === "rate"
                        ? formatRate(d.computed, locale)
                        : formatCount(d.computed, { unit: true, locale }),
                    difference:
                      d.kind === "rate"
                        ? formatPoints(d.difference, locale)
                        : formatSignedCount(d.difference, { unit: true, locale }),
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <ChartFigure
        title={text.chartTitle}
        data={chartData}
        series={chartSeries}
        categoryLabel={t.chart.unit}
        tableLabel={t.chart.showTable}
        testId={isMunicipal ? "figure-2" : "figure-3"}
        categoryLang={nameLang(locale)}
      >
        {/* SVG, no chart library: recharts drawing 41 departments' bars cost ~0.9 s of blocking time. */}
        <SvgBarChart
          label={text.chartTitle}
          data={chartData}
          series={chartSeries}
          unit={t.serverFigures.unit}
          noData={t.serverFigures.noData}
          colon={m.colon}
          categoryLang={nameLang(locale)}
        />
      </ChartFigure>
      <section className="space-y-2">
        <h2 className="text-base font-semibold text-slate-800">
          {withNote(
            isMunicipal ? t.annex.departmentsTitle : t.annex.districtsTitle,
            formatMonthLabel(current.month, locale),
            locale,
          )}
        </h2>
        <AnnexTable
          rows={tableRows}
          kind={kind}
          month={current.month}
          messages={t.annex}
          readers={t.readers}
          fileName={`${isMunicipal ? "附件1-市级部门" : "附件2-县市区"}-${current.month}.csv`}
          xlsx={{
            href: `/api/export/${current.month}/annex/${isMunicipal ? "departments" : "districts"}?format=xlsx`,
            label: t.bulletin.exportXlsx,
          }}
        />
      </section>
    </div>
  );
}
