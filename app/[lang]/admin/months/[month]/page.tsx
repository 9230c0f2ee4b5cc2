import { notFound } from "next/navigation";
import { DiffTable } from "@/components/month-versions/diff-table";
import { RollbackForm } from "@/components/month-versions/rollback-form";
import { DemoBadge } from "@/components/ui/demo-badge";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { fieldLabel } from "@/lib/annex-upload/field-label";
import { isMonth } from "@/lib/calendar/month";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { loadMonthHistory } from "@/lib/month-versions/read-month-history";

export default async function MonthHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ month: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { month } = await params;
  await requirePagePermission("data.manage", `/admin/months/${month}`);
  if (!isMonth(month)) notFound();
  const messages = await getPageMessages();
  const t = messages.upload;
  const query = await searchParams;
  // Case records and an uploaded annex for the same month: their differences are one click away.
  const history = await loadMonthHistory(month, { a: Number(query.a), b: Number(query.b) });
  if (!history) notFound();
  const { reportMonth, versions, reconcilable, a, b, diff } = history;
  const c = t.versionColumns;
  const select = "rounded-md border border-slate-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-bold">
          {fill(t.historyHeading, { month })}
          {reportMonth.isDemo && (
            <span className="ml-2 align-middle">
              <DemoBadge label={messages.demo.badge} title={messages.demo.explanation} />
            </span>
          )}
        </h1>
        <Link href="/admin/months" className="text-brand-700 hover:underline">
          {t.monthsHeading}
        </Link>
      </div>
      {reconcilable && (
        <p className="text-sm">
          <Link
            href={`/admin/months/${month}/reconciliation`}
            className="text-brand-700 underline hover:no-underline"
            data-testid="reconciliation-link"
          >
            {messages.reconciliation.link}
          </Link>
        </p>
      )}
      {query.published && (
        <p
          role="status"
          className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="published-message"
        >
          {fill(t.published, { month, number: query.published })}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="versions-table">
          <thead className="bg-slate-100">
            <tr>
              {[c.number, c.origin, c.createdAt, c.createdBy, c.file, c.sha, c.actions].map((h) => (
                <th key={h} className="px-3 py-2">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const isCurrent = reportMonth.currentVersionId === v.id;
              const from = v.copiedFromId ? versions.find((x) => x.id === v.copiedFromId)?.number : null;
              return (
                <tr
                  key={v.id}
                  className={`border-t border-slate-100 ${isCurrent ? "bg-brand-50" : ""}`}
                  data-version={v.number}
                  data-current={isCurrent}
                >
                  <td className="px-3 py-2 font-mono">
                    v{v.number}
                    {isCurrent && <span className="ml-2 rounded bg-emerald-100 px-1 text-xs">{t.current}</span>}
                  </td>
                  <td className="px-3 py-2">
                    {t.origins[v.origin]}
                    {from ? ` ← v${from}` : ""}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {v.createdAt.toLocaleString("zh-CN", { hour12: false })}
                  </td>
                  <td className="px-3 py-2" lang={nameLang(messages.locale)}>
                    {v.createdBy?.displayName ?? v.upload?.uploadedBy?.displayName ?? "—"}
                  </td>
                  <td className="px-3 py-2">
                    {v.upload
                      ? v.upload.files.map((f) => (
                          <a
                            key={f.position}
                            href={`/api/uploads/${v.upload!.id}/file${f.position > 0 ? `?n=${f.position}` : ""}`}
                            className="block text-brand-700 hover:underline"
                            title={`${t.download} · SHA-256 ${f.sha256}`}
                          >
                            <span lang={nameLang(messages.locale)}>{f.fileName}</span>
                          </a>
                        ))
                      : "—"}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs" title={v.upload?.sha256}>
                    {v.upload ? `${v.upload.sha256.slice(0, 16)}…` : ""}
                  </td>
                  <td className="px-3 py-2">
                    {!isCurrent && (
                      <RollbackForm
                        month={month}
                        versionId={v.id}
                        currentVersionId={reportMonth.currentVersionId}
                        label={t.rollback}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <form className="flex flex-wrap items-center gap-2 text-sm" method="get">
          <span>{t.compare}</span>
          <select name="a" defaultValue={a?.number ?? versions[1]?.number} className={select} aria-label="a">
            {versions.map((v) => (
              <option key={v.id} value={v.number}>
                v{v.number}
              </option>
            ))}
          </select>
          <span>→</span>
          <select name="b" defaultValue={b?.number ?? versions[0]?.number} className={select} aria-label="b">
            {versions.map((v) => (
              <option key={v.id} value={v.number}>
                v{v.number}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
            {t.compareSubmit}
          </button>
        </form>
        {diff && a && b && (
          <div className="mt-3">
            <h2 className="mb-2 font-semibold">{fill(t.compareHeading, { a: a.number, b: b.number })}</h2>
            <DiffTable t={t} fieldLabel={(f) => fieldLabel(messages, f)} diff={diff} />
          </div>
        )}
      </section>
    </div>
  );
}
