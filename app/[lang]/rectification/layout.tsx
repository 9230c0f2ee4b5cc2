import { WaitingLink } from "@/components/rectification/waiting-link";
import { LanguageSwitch } from "@/components/ui/language-switch";
import Link from "@/components/ui/locale-link";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { getPageMessages } from "@/lib/i18n/page-locale";

// 整改 pages render per request: they read the session and live tasks.
export const dynamic = "force-dynamic";

export default async function RectificationLayout({ children }: { children: React.ReactNode }) {
  const t = await getPageMessages();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t.app.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white print:border-0">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/" className="font-bold text-brand-900 hover:underline">
              {t.app.name}
            </Link>
            <WaitingLink
              labels={{
                nav: t.rectification.nav,
                unit: t.rectification.waitingUnit,
                reviewer: t.rectification.waitingReviewer,
              }}
            />
          </div>
          <div className="flex flex-wrap items-center gap-3 whitespace-nowrap">
            <ThemeToggle messages={t.readers.theme} />
            <LanguageSwitch label={t.language.label} names={{ "zh-CN": t.language.zh, en: t.language.en }} />
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
