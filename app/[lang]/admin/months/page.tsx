import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { listMonthsWithVersions } from "@/lib/month-versions/read-month-history";

export default async function MonthsPage() {
  await requirePagePermission("data.manage", "/admin/months");
  const t = (await getPageMessages()).upload;
  const months = await listMonthsWithVersions();
  const c = t.monthColumns;
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">{t.monthsHeading}</h1>
        <Link href="/admin/uploads" className="text-brand-700 hover:underline">
          {t.navUpload}
        </Link>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="months-table">
          <thead className="bg-slate-100">
            <tr>
              {[c.month, c.version, c.origin, c.publishedAt, c.history].map((h) => (
                <th key={h} className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month} className="border-t border-slate-100" data-month={m.month}>
                <td className="px-3 py-2 font-mono">
                  {m.month}
                  {m.isDemo && <span className="ml-2 rounded bg-amber-100 px-1 text-xs">{t.demo}</span>}
                </td>
                <td className="px-3 py-2">
                  {m.currentVersion ? `v${m.currentVersion.number} / ${m._count.versions}` : "—"}
                </td>
                <td className="px-3 py-2">{m.currentVersion ? t.origins[m.currentVersion.origin] : ""}</td>
                <td className="px-3 py-2">{m.publishedAt?.toLocaleString("zh-CN", { hour12: false }) ?? ""}</td>
                <td className="px-3 py-2">
                  <Link href={`/admin/months/${m.month}`} className="text-brand-700 hover:underline">
                    {t.historyLink}
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
