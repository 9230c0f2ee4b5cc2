import {
  CalendarOverrideForm,
  CalendarOverrideTable,
  CoveragePeriodForm,
} from "@/components/case-records/case-settings-forms";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { loadCalendarSettings } from "@/lib/case-records/settings-view";
import { getPageMessages } from "@/lib/i18n/page-locale";

/** The case pipeline's settings: working-day corrections (调休) and the coverage period. */
export default async function CaseSettingsPage() {
  await requirePagePermission("data.manage", "/admin/settings/calendar");
  const messages = await getPageMessages();
  const t = messages.caseSettings;
  const { overrides, coverage } = await loadCalendarSettings();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold">{t.heading}</h1>
        <Link href="/admin/settings" className="text-brand-700 underline hover:no-underline">
          {messages.bulletin.admin.settings.heading}
        </Link>
      </div>
      <p className="max-w-3xl text-sm text-slate-700">{t.lead}</p>
      <p role="note" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="next-import-note">
        {t.nextImport}
      </p>
      <section
        aria-labelledby="overrides-heading"
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="overrides-heading" className="font-semibold">
          {t.overridesHeading}
        </h2>
        <p className="text-sm text-slate-700">{t.overridesLead}</p>
        <CalendarOverrideForm t={t} />
        <CalendarOverrideTable
          t={t}
          rows={overrides.map((o) => ({ ...o, updatedAt: o.updatedAt.toLocaleString("zh-CN", { hour12: false }) }))}
        />
      </section>
      <section aria-labelledby="coverage-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="coverage-heading" className="font-semibold">
          {t.coverageHeading}
        </h2>
        <p className="text-sm text-slate-700">{t.coverageLead}</p>
        <CoveragePeriodForm t={t} period={coverage.period} />
      </section>
    </div>
  );
}
