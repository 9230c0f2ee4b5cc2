import { UploadForm } from "@/components/annex-upload/upload-form";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { listRecentUploads } from "@/lib/annex-upload/uploads";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";

export default async function UploadsPage() {
  await requirePagePermission("data.manage", "/admin/uploads");
  const messages = await getPageMessages();
  const t = messages.upload;
  const zh = nameLang(messages.locale);
  const recent = await listRecentUploads();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-bold">{t.heading}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t.intro}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <UploadForm t={t} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="mb-2 font-semibold">{t.templates}</h2>
        <div className="flex flex-wrap gap-4">
          <a href="/api/uploads/template.xlsx" className="text-brand-700 hover:underline" data-testid="template-xlsx">
            {t.templateXlsx}
          </a>
          <a href="/api/uploads/template.csv" className="text-brand-700 hover:underline">
            {t.templateCsv}
          </a>
          <a href="/api/uploads/template.csv?part=summary" className="text-brand-700 hover:underline">
            {t.templateCsvSummary}
          </a>
        </div>
      </section>
      {recent.length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-2 font-semibold">{t.recent}</h2>
          <ul className="space-y-1">
            {recent.map((u) => (
              <li key={u.id}>
                <Link href={`/admin/uploads/${u.id}`} className="text-brand-700 underline">
                  #{u.id} <span lang={zh}>{u.fileName}</span>
                </Link>
                <span className="ml-2 text-slate-600">
                  {u.month} · {t.status[u.status]} · <span lang={zh}>{u.uploadedBy?.displayName ?? "—"}</span> ·{" "}
                  {u.createdAt.toLocaleString(messages.locale, { hour12: false })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
