import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { Pager } from "@/components/ui/pager";
import { formatMonthLabel } from "@/lib/calendar/month";
import {
  CASES_PAGE_SIZE,
  getCurrentCaseImport,
  getItemCasesPage,
  getUnitItems,
  itemCodeFromSegment,
} from "@/lib/case-records/drill-down/case-drill-down";
import { getUnit } from "@/lib/dashboard/unit-history";
import { monthParam, unitCodeParam } from "@/lib/http/route-params";
import { formatCount, formatRate } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { pageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang, paren } from "@/lib/i18n/punctuation";

// One page of an item's cases, overdue first: /…/items/<item> is page 1, /…/items/<item>/<n> page n.
// Each is static once rendered (ISR, kept until a publish expires the month's report data): the
// page number is in the path, not the query, so a page costs no render after its first visit.
// proxy.ts decides who may read it before anything is served, as for every page.

type Props = { month: string; code: string; item: string; page: number };

export async function itemCasesMetadata({ month, item }: { month: string; item: string }): Promise<Metadata> {
  return { title: `${itemCodeFromSegment(item) ?? item} ${month}` };
}

export async function ItemCasesView({ month, code, item, page }: Props) {
  const itemCode = itemCodeFromSegment(item);
  if (!monthParam(month) || !unitCodeParam(code) || itemCode === null) notFound();
  const [unit, ref] = await Promise.all([getUnit(code), getCurrentCaseImport(month)]);
  if (!unit) notFound();
  const { t, locale } = await pageMessages();
  const d = t.drillDown;
  const c = d.columns;
  const itemsHref = `/${month}/units/${code}/items`;
  const zh = nameLang(locale);
  const unitName = <span lang={zh}>{unit.name}</span>;
  const back = (
    <Link href={itemsHref} className="inline-block py-1 text-sm text-brand-700 hover:underline">
      ← {d.back}
      {marks(locale).colon}
      {fillNodes(d.itemsHeading, { unit: unitName })}
    </Link>
  );
  // The gate (lib/access/page-existence.ts) refuses these before rendering; a 404 here too, never
  // a 200 page saying "not found" (a fact it remembered may be up to 15 s old on another instance).
  if (!ref) notFound();
  // The item is looked up among this unit's items only: another unit's code names nothing here.
  const { items } = await getUnitItems(ref.importId, ref.month, unit.id);
  const row = items.find((i) => i.itemCode === itemCode);
  if (!row) notFound();
  const { cases, total } = await getItemCasesPage(ref.importId, ref.month, unit.id, itemCode, page);
  const pages = Math.max(1, Math.ceil(total / CASES_PAGE_SIZE));
  if (page > pages) notFound();
  const from = (page - 1) * CASES_PAGE_SIZE + 1;
  const pageHref = (p: number) => `${itemsHref}/${item}${p === 1 ? "" : `/${p}`}`;
  const figures: Array<[string, string, string]> = [
    ["applied", c.applied, formatCount(row.applied, { locale })],
    ["accepted", c.accepted, formatCount(row.accepted, { locale })],
    ["completed", c.completed, formatCount(row.completed, { locale })],
    ["overdueCompleted", c.overdueCompleted, formatCount(row.overdueCompleted, { locale })],
    ["promisedCompleted", c.promisedCompleted, formatCount(row.promisedCompleted, { locale })],
    [
      "handlingSpeedupRate",
      c.handlingSpeedupRate,
      row.promisedCompleted > 0 ? formatRate(row.handlingSpeedupRate, locale) : "—",
    ],
    [
      "earlyCompletionRate",
      c.earlyCompletionRate,
      row.promisedCompleted > 0 ? formatRate(row.earlyCompletionRate, locale) : "—",
    ],
    ["evaluations", c.evaluations, formatCount(row.evaluations, { locale })],
    ["activeEvaluations", c.activeEvaluations, formatCount(row.activeEvaluations, { locale })],
    [
      "satisfactionRate",
      c.satisfactionRate,
      row.satisfactionRate === null ? "—" : formatRate(row.satisfactionRate, locale),
    ],
  ];
  const td = "border-b border-slate-100 px-2 py-1";

  return (
    <div className="space-y-4">
      <div>
        {back}
        <h1 className="mt-1 text-xl font-bold text-slate-900" data-testid="item-heading" lang={zh}>
          {row.itemName}
        </h1>
        <p className="text-sm text-slate-600">
          {fillNodes(d.itemSubheading, { unit: unitName, code: itemCode, month: formatMonthLabel(month, locale) })}
          {!row.inCatalogue && <span className="ml-1 text-amber-800">{paren(d.notInCatalogue, locale)}</span>}
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="item-figures">
        <h2 id="item-figures" className="mb-2 text-base font-semibold text-slate-800">
          {d.itemFigures}
        </h2>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3 lg:grid-cols-5" data-testid="item-figures">
          {figures.map(([key, label, value]) => (
            <div key={key} className="rounded bg-slate-50 p-2" data-field={key}>
              <dt className="text-slate-700">{label}</dt>
              <dd className="tabular text-lg font-semibold text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="space-y-2" aria-labelledby="item-cases">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="item-cases" className="text-base font-semibold text-slate-800">
            {d.casesHeading}
          </h2>
          {total > 0 && (
            <a
              href={`/api/export/${month}/unit/${code}/items/${item}`}
              className="inline-flex min-h-8 items-center rounded border border-brand-600 px-2 text-xs text-brand-700 hover:bg-brand-50"
              data-testid="cases-export"
            >
              {d.exportCsv}
            </a>
          )}
        </div>
        {total === 0 ? (
          <p
            className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700"
            data-testid="cases-none"
          >
            {d.casesNone}
          </p>
        ) : (
          <>
            <p className="text-sm text-slate-700" data-testid="cases-count">
              {fill(d.casesCount, {
                total: formatCount(total, { locale }),
                from: formatCount(from, { locale }),
                to: formatCount(from + cases.length - 1, { locale }),
              })}
            </p>
            <section
              className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
              tabIndex={0}
              aria-label={d.casesHeading}
            >
              <table className="tabular min-w-max border-collapse text-right text-xs" data-testid="item-cases">
                <thead className="bg-slate-100 text-slate-700">
                  <tr>
                    {[
                      c.caseNo,
                      c.item,
                      c.caseKind,
                      c.appliedAt,
                      c.acceptedAt,
                      c.completedAt,
                      c.limitDays,
                      c.elapsedDays,
                      c.daysOver,
                    ].map((label, i) => (
                      <th
                        key={label}
                        scope="col"
                        className={`border-b border-slate-200 px-2 py-1 font-medium whitespace-nowrap ${i < 3 ? "text-left" : ""}`}
                      >
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {cases.map((r) => (
                    <tr
                      key={r.caseNo}
                      data-case={r.caseNo}
                      data-days-over={r.daysOver}
                      className={r.daysOver > 0 ? "bg-rose-50" : "odd:bg-white even:bg-slate-50"}
                    >
                      <th scope="row" className={`${td} text-left font-mono font-normal`}>
                        {r.caseNo}
                      </th>
                      <td className={`${td} text-left`} lang={zh}>
                        {row.itemName}
                      </td>
                      <td className={`${td} text-left`}>
                        {d.caseKinds[r.caseKind]}
                        {r.isBatch && <span className="ml-1 text-slate-600">{paren(c.batch, locale)}</span>}
                      </td>
                      <td className={td}>{r.appliedAt ?? "—"}</td>
                      <td className={td}>{r.acceptedAt ?? "—"}</td>
                      <td className={td}>{r.completedAt ?? d.notCompleted}</td>
                      <td className={td}>{formatCount(r.limitDays, { locale })}</td>
                      <td className={td}>{r.elapsedDays === null ? "—" : formatCount(r.elapsedDays, { locale })}</td>
                      <td
                        className={`${td} font-semibold ${r.daysOver > 0 ? "text-rose-800" : ""}`}
                        data-field="daysOver"
                      >
                        {r.daysOver > 0 ? formatCount(r.daysOver, { locale }) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <Pager page={page} pages={pages} href={pageHref} t={t.pager} locale={locale} testId="cases-pages" />
          </>
        )}
      </section>
    </div>
  );
}
