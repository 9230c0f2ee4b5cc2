import { WaitingLink } from "@/components/rectification/waiting-link";
import { WarningCount } from "@/components/supervision/warning-count";
import { LanguageSwitch } from "@/components/ui/language-switch";
import Link from "@/components/ui/locale-link";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { getViewer } from "@/lib/access/guard";
import { type Action, can } from "@/lib/access/permissions";
import { getPageMessages } from "@/lib/i18n/page-locale";

// Admin pages render per request: they read the session and live data.
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const t = await getPageMessages();
  // Each administrator sees the links of their own powers (三员分立); the pages check again.
  const viewer = await getViewer();
  const links = [
    { href: "/admin/users", label: t.admin.nav.users, action: "users.manage" },
    { href: "/admin/security", label: t.security.nav, action: "security.manage" },
    { href: "/admin/audit", label: t.admin.nav.audit, action: "audit.view" },
    { href: "/admin/uploads", label: t.upload.navUpload, action: "data.manage" },
    { href: "/admin/months", label: t.upload.navMonths, action: "data.manage" },
    { href: "/admin/cases", label: t.caseImport.nav, action: "data.manage" },
    { href: "/admin/daily", label: t.dailyFeed.tokens.nav, action: "data.manage" },
    { href: "/admin/settings", label: t.bulletin.admin.nav.settings, action: "data.manage" },
    { href: "/admin/reports", label: t.bulletin.admin.nav.reports, action: "data.manage" },
    { href: "/admin/settings/supervision", label: t.supervision.settings.link, action: "data.manage" },
  ].filter(({ action }) => can(viewer, action as Action));
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <span className="font-bold text-brand-900">{t.admin.title}</span>
            <nav className="flex flex-wrap gap-x-3 gap-y-1 text-sm whitespace-nowrap" aria-label={t.admin.title}>
              {links.map(({ href, label }) => (
                <Link key={href} href={href} className="text-brand-700 hover:underline">
                  {label}
                </Link>
              ))}
              {can(viewer, "rectification.view") && (
                <WaitingLink
                  labels={{
                    nav: t.rectification.nav,
                    unit: t.rectification.waitingUnit,
                    reviewer: t.rectification.waitingReviewer,
                  }}
                />
              )}
              <Link href="/" className="text-slate-600 hover:underline">
                {t.admin.nav.dashboard}
              </Link>
            </nav>
          </div>
          <div className="flex flex-wrap items-center gap-3 whitespace-nowrap">
            {/* The security and audit administrators read no cards: no count, and no refused fetch. */}
            {can(viewer, "supervision.view") && (
              <WarningCount
                messages={{
                  headerCount: t.supervision.headerCount,
                  red: t.supervision.red,
                  yellow: t.supervision.yellow,
                }}
              />
            )}
            <LanguageSwitch label={t.language.label} names={{ "zh-CN": t.language.zh, en: t.language.en }} />
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
  );
}
