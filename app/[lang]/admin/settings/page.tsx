import { ProblemSettingsForm } from "@/components/bulletin/problem-settings-form";
import { DueDaysForm } from "@/components/rectification/due-days-form";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { PROBLEM_HEADINGS } from "@/lib/bulletin/build";
import { getProblemSettingsRecord } from "@/lib/bulletin/thresholds/read-problem-settings";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { joinList } from "@/lib/i18n/punctuation";
import { DEFAULT_PROBLEM_SETTINGS, PROBLEM_KINDS } from "@/lib/indicators/problems";
import { getDueWorkingDays } from "@/lib/rectification/server";

export default async function SettingsPage() {
  await requirePagePermission("data.manage", "/admin/settings");
  const t = await getPageMessages();
  const s = t.bulletin.admin.settings;
  const record = await getProblemSettingsRecord();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{s.heading}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{s.lead}</p>
      <p className="text-sm">
        <Link
          href="/admin/settings/calendar"
          className="text-brand-700 underline hover:no-underline"
          data-testid="case-settings-link"
        >
          {t.caseSettings.link}
        </Link>
      </p>
      <p className="text-xs text-slate-600" data-testid="settings-updated">
        {record.stored && record.updatedAt
          ? fill(s.updated, {
              at: record.updatedAt.toLocaleString("zh-CN", { hour12: false }),
              by: record.updatedBy ?? t.admin.audit.system,
            })
          : s.neverSaved}
      </p>
      {record.invalid.length > 0 && (
        <p role="alert" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {fill(s.invalidStored, { fields: joinList(record.invalid, t.locale) })}
        </p>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <ProblemSettingsForm
          t={t}
          settings={record.settings}
          defaults={DEFAULT_PROBLEM_SETTINGS}
          kinds={PROBLEM_KINDS}
          headings={PROBLEM_HEADINGS}
        />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <DueDaysForm days={await getDueWorkingDays()} t={t.rectification.settings} />
      </section>
    </div>
  );
}
