// The month's bulletin (通报), generated from the data: prerendered on first visit and served
// as a static page until the data, the problem thresholds or the bulletin's texts change
// (all read under REPORT_DATA_TAG). Who may see it is decided in proxy.ts (report.viewAllUnits).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulletinDocument } from "@/components/report/bulletin-document";
import { AdminLink } from "@/components/sections/admin-link";
import { DemoBadge } from "@/components/ui/demo-badge";
import { MonthPicker } from "@/components/ui/month-picker";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { UnitSearch } from "@/components/ui/unit-search";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { fill, getMessages } from "@/lib/i18n/messages";
import { formatMonthLabel, isMonth } from "@/lib/month";
import { getBulletin, getBulletinTexts } from "@/lib/queries/bulletin";
import { getPublishedMonths } from "@/lib/queries/months";

export async function generateStaticParams(): Promise<Array<{ month: string }>> {
  return [];
}
export const dynamicParams = true;

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${getMessages().bulletin.heading} ${isMonth(month) ? formatMonthLabel(month) : month}` };
}

const button = "rounded-md border px-3 py-1.5 text-sm whitespace-nowrap";

export default async function BulletinPage({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  if (!isMonth(month)) notFound();
  const [bulletin, months, texts] = await Promise.all([getBulletin(month), getPublishedMonths(), getBulletinTexts(month)]);
  if (!bulletin) notFound();
  const t = getMessages();
  const b = t.bulletin;
  const api = `/api/reports/${month}`;

  return (
    <div className="min-h-screen bg-slate-100 print:bg-white">
      <a href="#bulletin-title" className="sr-only focus:not-sr-only">{t.app.skipToContent}</a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between">
          <div>
            <div className="text-lg font-bold text-brand-900">
              {t.app.city}
              {t.app.title} · {b.heading}
            </div>
            <div className="text-xs text-slate-600">
              {fill(b.dataVersion, { version: bulletin.versionNumber })} ·{" "}
              {texts.version === null ? b.textsDefault : fill(b.textsVersion, { version: texts.version })}
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <MonthPicker
              months={months.map((m) => ({ month: m.month, label: formatMonthLabel(m.month), isDemo: m.isDemo }))}
              current={month}
              label={t.nav.month}
              demoLabel={t.demo.badge}
              basePath="/reports"
            />
            {bulletin.isDemo && <DemoBadge label={t.demo.badge} title={t.demo.explanation} />}
            <Link href={`/${month}`} className="text-sm text-brand-700 hover:underline">{b.backToDashboard}</Link>
            <UnitSearch messages={t.readers.search} fallbackMonth={month} />
            <ThemeToggle messages={t.readers.theme} />
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
        <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 pb-3" aria-label={b.toolbar} data-testid="bulletin-downloads">
          <a href={`${api}/bulletin.docx`} download className={`${button} border-brand-600 bg-brand-600 text-white hover:bg-brand-700`} data-download="docx">
            {b.downloads.docx}
          </a>
          <a href={`${api}/bulletin.pdf`} download className={`${button} border-brand-600 bg-brand-600 text-white hover:bg-brand-700`} data-download="pdf">
            {b.downloads.pdf}
          </a>
          <a href={`${api}/annexes.xlsx`} download className={`${button} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`} data-download="xlsx">
            {b.downloads.xlsx}
          </a>
          <AdminLink href={`/admin/reports/${month}`} className="ml-auto text-sm text-brand-700 hover:underline">
            {b.editTexts}
          </AdminLink>
        </nav>
      </header>
      <main id="main" className="px-2 py-6 sm:px-4 print:p-0">
        <BulletinDocument bulletin={bulletin} />
      </main>
    </div>
  );
}
