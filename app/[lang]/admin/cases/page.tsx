import { CaseUploadForm } from "@/components/case-records/case-upload-form";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { listCaseUploads, listCliCaseImports } from "@/lib/case-records/upload/case-uploads";
import { formatCount } from "@/lib/i18n/format";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { joinList, nameLang } from "@/lib/i18n/punctuation";

export default async function CaseImportsPage() {
  await requirePagePermission("data.manage", "/admin/cases");
  const messages = await getPageMessages();
  const t = messages.caseImport;
  const locale = messages.locale;
  const zh = nameLang(locale);
  const rows = await listCaseUploads();
  const cli = await listCliCaseImports();
  const secs = (value: number | null) => (value === null ? "—" : fill(t.seconds, { value: value.toFixed(1) }));
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-bold">{t.heading}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t.intro}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <CaseUploadForm t={t} locale={locale} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">{t.listHeading}</h2>
        {rows.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <section className="overflow-x-auto" tabIndex={0} aria-label={t.listHeading}>
            <table className="w-full min-w-max text-left text-xs" data-testid="case-imports">
              <thead className="bg-slate-100">
                <tr>
                  {(
                    [
                      "id",
                      "month",
                      "status",
                      "files",
                      "cases",
                      "evaluations",
                      "items",
                      "who",
                      "when",
                      "timings",
                    ] as const
                  ).map((c) => (
                    <th key={c} scope="col" className="px-2 py-1 font-semibold">
                      {t.columns[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100" data-upload={r.id} data-status={r.status}>
                    <td className="px-2 py-1">
                      <Link href={`/admin/cases/${r.id}`} className="text-brand-700 underline">
                        #{r.id}
                      </Link>
                    </td>
                    <td className="px-2 py-1">{r.month}</td>
                    <td className="px-2 py-1">
                      {t.status[r.status]}
                      {r.versionNumber !== null && ` · v${r.versionNumber}`}
                    </td>
                    <td className="px-2 py-1" lang={zh}>
                      {joinList(r.fileNames, locale)}
                    </td>
                    <td className="px-2 py-1 text-right font-mono">{formatCount(r.cases, { locale })}</td>
                    <td className="px-2 py-1 text-right font-mono">{formatCount(r.evaluations, { locale })}</td>
                    <td className="px-2 py-1 text-right font-mono">{formatCount(r.items, { locale })}</td>
                    <td className="px-2 py-1" lang={zh}>
                      {r.createdBy ?? "—"}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {r.createdAt.toLocaleString(locale, { hour12: false })}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {secs(r.transferSeconds)} / {secs(r.processSeconds)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      {cli.length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">{t.cliHeading}</h2>
          <section className="overflow-x-auto" tabIndex={0} aria-label={t.cliHeading}>
            <table className="w-full min-w-max text-left text-xs" data-testid="case-cli-imports">
              <thead className="bg-slate-100">
                <tr>
                  {(
                    [
                      "id",
                      "month",
                      "status",
                      "files",
                      "cases",
                      "evaluations",
                      "items",
                      "who",
                      "when",
                      "timings",
                    ] as const
                  ).map((c) => (
                    <th key={c} scope="col" className="px-2 py-1 font-semibold">
                      {c === "timings" ? t.cliTiming : t.columns[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {cli.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="px-2 py-1">{r.id}</td>
                    <td className="px-2 py-1">{r.month}</td>
                    <td className="px-2 py-1">{t.status[r.status]}</td>
                    <td className="px-2 py-1" lang={zh}>
                      {r.fileNames}
                    </td>
                    <td className="px-2 py-1 text-right font-mono">{formatCount(r.cases, { locale })}</td>
                    <td className="px-2 py-1 text-right font-mono">{formatCount(r.evaluations, { locale })}</td>
                    <td className="px-2 py-1 text-right font-mono">{formatCount(r.items, { locale })}</td>
                    <td className="px-2 py-1" lang={zh}>
                      {r.createdBy ?? "—"}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {r.createdAt.toLocaleString(locale, { hour12: false })}
                    </td>
                    <td className="px-2 py-1 whitespace-nowrap">{secs(r.seconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      )}
    </div>
  );
}
