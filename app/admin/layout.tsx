import Link from "next/link";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { getMessages } from "@/lib/i18n/messages";

// Admin pages render per request: they read the session and live data.
export const dynamic = "force-dynamic";

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  const t = getMessages();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <span className="font-bold text-brand-900">{t.admin.title}</span>
            <nav className="flex gap-3 text-sm" aria-label={t.admin.title}>
              <Link href="/admin/users" className="text-brand-700 hover:underline">{t.admin.nav.users}</Link>
              <Link href="/admin/audit" className="text-brand-700 hover:underline">{t.admin.nav.audit}</Link>
              <Link href="/admin/uploads" className="text-brand-700 hover:underline">{t.upload.navUpload}</Link>
              <Link href="/admin/months" className="text-brand-700 hover:underline">{t.upload.navMonths}</Link>
              <Link href="/admin/cases" className="text-brand-700 hover:underline">{t.caseImport.nav}</Link>
              <Link href="/admin/settings" className="text-brand-700 hover:underline">{t.bulletin.admin.nav.settings}</Link>
              <Link href="/admin/reports" className="text-brand-700 hover:underline">{t.bulletin.admin.nav.reports}</Link>
              <Link href="/" className="text-slate-600 hover:underline">{t.admin.nav.dashboard}</Link>
            </nav>
          </div>
          <ViewerMenu messages={t.auth} />
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
