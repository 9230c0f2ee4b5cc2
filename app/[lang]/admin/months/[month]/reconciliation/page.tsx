import { notFound } from "next/navigation";
import { ReconciliationTable } from "@/components/month-versions/reconciliation-table";
import { DemoBadge } from "@/components/ui/demo-badge";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { isMonth } from "@/lib/calendar/month";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { joinList, nameLang } from "@/lib/i18n/punctuation";
import { monthIsDemo, reconcileMonth } from "@/lib/month-versions/read-month-history";
import { type SourceVersion, versionNumberParam } from "@/lib/month-versions/reconciliation/read-reconciliation";
import { reconciliationViewRows } from "@/lib/month-versions/reconciliation/reconciliation-view";

/** A month's case-derived version against its uploaded annex, per unit and column. */
export default async function ReconciliationPage({
  params,
  searchParams,
}: {
  params: Promise<{ month: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { month } = await params;
  await requirePagePermission("data.manage", `/admin/months/${month}/reconciliation`);
  if (!isMonth(month)) notFound();
  const messages = await getPageMessages();
  const t = messages.reconciliation;
  const query = await searchParams;
  const all = query.all === "1";
  const result = await reconcileMonth(month, {
    cases: versionNumberParam(query.cases),
    annex: versionNumberParam(query.annex),
  });
  // A demo month's versions (the seed's case records and annex) are badged like its pages.
  const demo = await monthIsDemo(month);
  const heading = (
    <h1 className="text-xl font-bold">
      {fill(t.heading, { month })}
      {demo && (
        <span className="ml-2 align-middle">
          <DemoBadge label={messages.demo.badge} title={messages.demo.explanation} />
        </span>
      )}
    </h1>
  );
  const back = (
    <Link href={`/admin/months/${month}`} className="inline-block py-1 text-brand-700 underline hover:no-underline">
      {t.back}
    </Link>
  );
  if (!result) {
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-2">
          {heading}
          {back}
        </div>
        <p className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="reconciliation-missing">
          {t.missing}
        </p>
      </div>
    );
  }
  const { reconciliation: r, cases, annex, sources } = result;
  const selected = (extra: Record<string, string>) =>
    new URLSearchParams({
      cases: String(cases.number),
      annex: String(annex.number),
      ...(all ? { all: "1" } : {}),
      ...extra,
    });
  const toggle = new URLSearchParams(selected({}));
  if (all) toggle.delete("all");
  else toggle.set("all", "1");
  const option = (v: SourceVersion) => (
    // A version named by its file (a name, often Chinese): the option is marked as such.
    <option key={v.id} value={v.number} lang={v.fileName ? nameLang(messages.locale) : undefined}>
      {fill(t.versionOption, { number: v.number, at: v.createdAt.toLocaleString(messages.locale, { hour12: false }) })}
      {v.fileName ? ` · ${v.fileName}` : ""}
    </option>
  );
  // A version's label holds its file name: at 390 px the select may not be wider than the page
  // (it was 592 px wide). The label stacks above it on a phone and the select shrinks; the open
  // list still shows each option whole.
  const select = "min-w-0 max-w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  const field = "flex min-w-0 max-w-full flex-col gap-1 sm:flex-row sm:items-center sm:gap-2";
  const names = (list: typeof r.onlyInCases) => (
    <span lang={nameLang(messages.locale)}>
      {joinList(
        list.map((u) => u.unitName),
        messages.locale,
      )}
    </span>
  );
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {heading}
        {back}
      </div>
      <p className="max-w-4xl text-sm text-slate-700">{t.lead}</p>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm">
        <label className={field}>
          {t.casesVersion}
          <select name="cases" defaultValue={cases.number} className={select}>
            {sources.cases.map(option)}
          </select>
        </label>
        <label className={field}>
          {t.annexVersion}
          <select name="annex" defaultValue={annex.number} className={select}>
            {sources.annex.map(option)}
          </select>
        </label>
        {all && <input type="hidden" name="all" value="1" />}
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          {t.choose}
        </button>
      </form>
      <section
        aria-labelledby="reconciliation-summary"
        className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <p
          id="reconciliation-summary"
          className="font-medium"
          data-testid="reconciliation-summary"
          data-units-differing={r.summary.unitsDiffering}
          data-cells-differing={r.summary.cellsDiffering}
        >
          {r.summary.cellsDiffering === 0
            ? fill(t.summarySame, { units: r.summary.unitsCompared, cellsCompared: r.summary.cellsCompared })
            : fill(t.summary, {
                units: r.summary.unitsCompared,
                unitsDiffering: r.summary.unitsDiffering,
                cells: r.summary.cellsDiffering,
              })}
        </p>
        {r.onlyInCases.length > 0 && (
          <p data-testid="only-in-cases">{fillNodes(t.onlyInCases, { units: names(r.onlyInCases) })}</p>
        )}
        {r.onlyInAnnex.length > 0 && (
          <p data-testid="only-in-annex">{fillNodes(t.onlyInAnnex, { units: names(r.onlyInAnnex) })}</p>
        )}
      </section>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>{all ? t.showingAll : t.showingDiffering}</span>
        <Link
          href={`?${toggle}`}
          className="inline-block py-1 text-brand-700 underline hover:no-underline"
          data-testid="reconciliation-toggle"
        >
          {all ? t.showDiffering : t.showAll}
        </Link>
        <a
          href={`/api/months/${month}/reconciliation.csv?${selected({})}`}
          className="inline-block py-1 text-brand-700 underline hover:no-underline"
          data-testid="reconciliation-csv"
        >
          {t.exportCsv}
        </a>
      </div>
      <ReconciliationTable rows={reconciliationViewRows(r, messages, { all })} t={t} />
    </div>
  );
}
