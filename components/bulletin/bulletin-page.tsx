// The frame of a bulletin page: header (month picker, version line, downloads) and the
// document, with a banner saying what is shown (an issued edition, or a draft) and what
// follows the document (the draft's differences). Used by /reports/[month], its draft and
// its editions.

import { BulletinDocument } from "@/components/bulletin/bulletin-document";
import { AdminLink } from "@/components/dashboard/admin-link";
import { DemoBadge } from "@/components/ui/demo-badge";
import Link from "@/components/ui/locale-link";
import { MonthPicker } from "@/components/ui/month-picker";
import { packMonths } from "@/components/ui/packed-months";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { UnitSearch } from "@/components/ui/unit-search";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import type { Bulletin } from "@/lib/bulletin/build";
import { getPageMessages } from "@/lib/i18n/page-locale";

const button = "rounded-md border px-3 py-1.5 text-sm whitespace-nowrap";

export async function BulletinPage({
  month,
  bulletin,
  months,
  versionLine,
  downloadQuery,
  banner,
  children,
}: {
  month: string;
  bulletin: Bulletin;
  months: Array<{ month: string; isDemo: boolean }>;
  versionLine: string;
  /** "", "?draft=1" or "?edition=2": which file the downloads give. */
  downloadQuery: string;
  banner?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const t = await getPageMessages();
  const b = t.bulletin;
  const api = `/api/reports/${month}`;
  return (
    <div className="min-h-screen bg-slate-100 print:bg-white">
      <a href="#bulletin-title" className="sr-only focus:not-sr-only">
        {t.app.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between">
          <div>
            <div className="text-lg font-bold text-brand-900">
              {t.app.name} · {b.heading}
            </div>
            <div className="text-xs text-slate-600">{versionLine}</div>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <MonthPicker
              months={packMonths(months)}
              current={month}
              label={t.nav.month}
              demoLabel={t.demo.badge}
              basePath="/reports"
            />
            {bulletin.isDemo && <DemoBadge label={t.demo.badge} title={t.demo.explanation} />}
            <Link href={`/${month}`} className="text-sm text-brand-700 hover:underline">
              {b.backToDashboard}
            </Link>
            <UnitSearch messages={t.readers.search} fallbackMonth={month} />
            <ThemeToggle messages={t.readers.theme} />
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
        <nav
          className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 pb-3"
          aria-label={b.toolbar}
          data-testid="bulletin-downloads"
        >
          <a
            href={`${api}/bulletin.docx${downloadQuery}`}
            download
            className={`${button} border-brand-600 bg-brand-600 text-white hover:bg-brand-700`}
            data-download="docx"
          >
            {b.downloads.docx}
          </a>
          <a
            href={`${api}/bulletin.pdf${downloadQuery}`}
            download
            className={`${button} border-brand-600 bg-brand-600 text-white hover:bg-brand-700`}
            data-download="pdf"
          >
            {b.downloads.pdf}
          </a>
          <a
            href={`${api}/annexes.xlsx${downloadQuery}`}
            download
            className={`${button} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
            data-download="xlsx"
          >
            {b.downloads.xlsx}
          </a>
          <AdminLink href={`/admin/reports/${month}`} className="ml-auto text-sm text-brand-700 hover:underline">
            {b.editTexts}
          </AdminLink>
        </nav>
        {banner && (
          <div className="mx-auto max-w-7xl px-4 pb-3 text-sm" data-testid="bulletin-status">
            {banner}
          </div>
        )}
      </header>
      <main id="main" className="px-2 py-6 sm:px-4 print:p-0">
        <BulletinDocument bulletin={bulletin} />
        {children && <div className="mx-auto mt-6 max-w-4xl print:hidden">{children}</div>}
      </main>
    </div>
  );
}
