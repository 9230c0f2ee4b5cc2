import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { newestTextVersions } from "@/lib/bulletin/read-bulletin";
import { formatMonthLabel } from "@/lib/calendar/month";
import { pageMessages } from "@/lib/i18n/page-locale";
import { paren } from "@/lib/i18n/punctuation";
import { getPublishedMonths } from "@/lib/month-versions/published-months";

export default async function AdminReportsPage() {
  await requirePagePermission("data.manage", "/admin/reports");
  const { t, locale } = await pageMessages();
  const r = t.bulletin.admin.reports;
  const [months, newest] = await Promise.all([getPublishedMonths(), newestTextVersions()]);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{r.heading}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{r.lead}</p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="bulletin-months">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-3 py-2">{r.columns.month}</th>
              <th className="px-3 py-2">{r.columns.versions}</th>
              <th className="px-3 py-2">{r.columns.actions}</th>
            </tr>
          </thead>
          <tbody>
            {[...months].reverse().map((m) => (
              <tr key={m.month} className="border-t border-slate-100" data-month={m.month}>
                <td className="px-3 py-2">
                  {formatMonthLabel(m.month, locale)}
                  {m.isDemo && <span className="ml-2 text-xs text-amber-700">{paren(t.demo.badge, locale)}</span>}
                </td>
                <td className="px-3 py-2 tabular">{newest.get(m.month) ?? r.none}</td>
                <td className="space-x-3 px-3 py-2">
                  <Link href={`/admin/reports/${m.month}`} className="text-brand-700 hover:underline">
                    {r.edit}
                  </Link>
                  <Link href={`/reports/${m.month}`} className="text-brand-700 hover:underline">
                    {r.view}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
