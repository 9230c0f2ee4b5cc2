import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UnitItemsTable } from "@/components/case-records/unit-items-table";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { formatMonthLabel } from "@/lib/calendar/month";
import { getCurrentCaseImport, getUnitItems } from "@/lib/case-records/drill-down/case-drill-down";
import { getUnit } from "@/lib/dashboard/unit-history";
import { monthParam, unitCodeParam } from "@/lib/http/route-params";
import { formatCount } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang } from "@/lib/i18n/punctuation";

// Rendered on first visit and kept until a publish expires the report data (as the unit page):
// no per-request input, and proxy.ts decides who may read it before anything is served.
export async function generateStaticParams(): Promise<Array<{ code: string }>> {
  return [];
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ month: string; code: string }>;
}): Promise<Metadata> {
  const { month, code } = await params;
  const unit = unitCodeParam(code) ? await getUnit(code) : null;
  return { title: `${unit ? `${unit.name} ` : ""}${(await getPageMessages()).drillDown.sectionHeading} ${month}` };
}

export default async function UnitItemsPage({ params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  // The month layout refuses a month that is no month too, but renders beside this page: without
  // this check "/2020-13/units/d08/items" failed in formatMonthLabel (500) before the 404 won.
  if (!monthParam(month) || !unitCodeParam(code)) notFound();
  const [unit, ref] = await Promise.all([getUnit(code), getCurrentCaseImport(month)]);
  if (!unit) notFound();
  const { t, locale } = await pageMessages();
  const d = t.drillDown;
  const data = ref ? await getUnitItems(ref.importId, ref.month, unit.id) : null;
  const withCases = data?.items.filter((i) => i.hasCases).length ?? 0;

  return (
    <div className="space-y-4">
      <div>
        <Link href={`/${month}/units/${code}`} className="inline-block py-1 text-sm text-brand-700 hover:underline">
          ← {d.back}
          {marks(locale).colon}
          <span lang={nameLang(locale)}>{unit.name}</span>
        </Link>
        <h1 className="mt-1 text-xl font-bold text-slate-900" data-testid="items-heading">
          {fillNodes(d.itemsHeading, { unit: <span lang={nameLang(locale)}>{unit.name}</span> })}
        </h1>
        <p className="text-sm text-slate-600">{formatMonthLabel(month, locale)}</p>
      </div>
      {!data ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700" data-testid="no-case-records">
          {d.noCaseRecords}
        </p>
      ) : data.items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700" data-testid="no-items">
          {d.noItems}
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-slate-700" data-testid="items-lead">
              {fill(d.itemsLead, {
                month: formatMonthLabel(month, locale),
                items: formatCount(data.items.length, { locale }),
                withCases: formatCount(withCases, { locale }),
              })}
            </p>
            <a
              href={`/api/export/${month}/unit/${code}/items`}
              className="inline-flex min-h-8 items-center rounded border border-brand-600 px-2 text-xs text-brand-700 hover:bg-brand-50"
              data-testid="items-export"
            >
              {d.exportCsv}
            </a>
          </div>
          <UnitItemsTable rows={data.items} baseHref={`/${month}/units/${code}/items`} messages={d} locale={locale} />
          {data.unmatchedEvaluations.evaluations > 0 && (
            <p className="text-xs text-slate-600" data-testid="unmatched-evaluations">
              {fill(d.unmatchedEvaluations, { count: formatCount(data.unmatchedEvaluations.evaluations, { locale }) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
