import { WaitingLink } from "@/components/rectification/waiting-link";
import { LanguageSwitch } from "@/components/ui/language-switch";
import Link from "@/components/ui/locale-link";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { getPageMessages } from "@/lib/i18n/page-locale";

// Admin pages render per request: they read the session and live data.
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const t = await getPageMessages();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <span className="font-bold text-brand-900">{t.admin.title}</span>
            <nav className="flex flex-wrap gap-x-3 gap-y-1 text-sm whitespace-nowrap" aria-label={t.admin.title}>
              <Link href="/admin/users" className="text-brand-700 hover:underline">
                {t.admin.nav.users}
              </Link>
              <Link href="/admin/audit" className="text-brand-700 hover:underline">
                {t.admin.nav.audit}
              </Link>
              <Link href="/admin/uploads" className="text-brand-700 hover:underline">
                {t.upload.navUpload}
              </Link>
              <Link href="/admin/months" className="text-brand-700 hover:underline">
                {t.upload.navMonths}
              </Link>
              <Link href="/admin/cases" className="text-brand-700 hover:underline">
                {t.caseImport.nav}
              </Link>
              <Link href="/admin/settings" className="text-brand-700 hover:underline">
                {t.bulletin.admin.nav.settings}
              </Link>
              <Link href="/admin/reports" className="text-brand-700 hover:underline">
                {t.bulletin.admin.nav.reports}
              </Link>
              <WaitingLink
                labels={{
                  nav: t.rectification.nav,
                  unit: t.rectification.waitingUnit,
                  reviewer: t.rectification.waitingReviewer,
                }}
              />
              <Link href="/" className="text-slate-600 hover:underline">
                {t.admin.nav.dashboard}
              </Link>
            </nav>
          </div>
          <div className="flex flex-wrap items-center gap-3 whitespace-nowrap">
            <LanguageSwitch label={t.language.label} names={{ "zh-CN": t.language.zh, en: t.language.en }} />
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
