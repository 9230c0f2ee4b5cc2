// The dashboard's header, on every month page and on the 404/403 pages: the product, the
// month picker, the unit search, the theme switch, who is signed in, and the tabs.

import { WaitingLink } from "@/components/rectification/waiting-link";
import { WarningCount } from "@/components/supervision/warning-count";
import { DemoBadge } from "@/components/ui/demo-badge";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { MonthPicker } from "@/components/ui/month-picker";
import { type NavLink, NavLinks } from "@/components/ui/nav-links";
import { packMonths } from "@/components/ui/packed-months";
import { PrintHeading } from "@/components/ui/print-heading";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { UnitSearch } from "@/components/ui/unit-search";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { formatMonthLabel } from "@/lib/calendar/month";
import type { Messages } from "@/lib/i18n/messages";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import type { PublishedMonth } from "@/lib/month-versions/published-months";

export function dashboardLinks(t: Messages, month: string): NavLink[] {
  return [
    { href: `/${month}`, label: t.nav.overview },
    { href: `/${month}/municipal`, label: t.nav.municipal, audience: "allUnits" },
    { href: `/${month}/districts`, label: t.nav.districts, audience: "allUnits" },
    { href: `/${month}/evaluations`, label: t.sections.nav.evaluations, audience: "allUnits" },
    { href: `/${month}/timeliness`, label: t.sections.nav.timeliness, audience: "allUnits" },
    { href: `/${month}/problems`, label: t.sections.nav.problems, audience: "allUnits" },
    { href: `/reports/${month}`, label: t.sections.nav.bulletin, audience: "bulletin" },
  ];
}

export async function AppHeader({
  months,
  month,
  showPicker = true,
}: {
  months: PublishedMonth[];
  month: string;
  showPicker?: boolean;
}) {
  const t = await getPageMessages();
  const locale = await pageLocale();
  const current = months.find((m) => m.month === month);
  const links = dashboardLinks(t, month);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only">
        {t.app.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white print:border-0">
        <PrintHeading
          template={t.readers.nav.printHeading}
          city={t.app.city}
          title={t.app.title}
          month={formatMonthLabel(month, locale)}
          scopes={links.map(({ href, label }) => ({ href, label }))}
        />
        <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between print:hidden">
          <div>
            <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
            <div className="text-xs text-slate-600">{t.app.subtitle}</div>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            {showPicker && (
              <MonthPicker months={packMonths(months)} current={month} label={t.nav.month} demoLabel={t.demo.badge} />
            )}
            {showPicker && current?.isDemo && <DemoBadge label={t.demo.badge} title={t.demo.explanation} />}
            <UnitSearch messages={t.readers.search} fallbackMonth={month} />
            <WarningCount
              messages={{
                headerCount: t.supervision.headerCount,
                red: t.supervision.red,
                yellow: t.supervision.yellow,
              }}
            />
            <ThemeToggle messages={t.readers.theme} />
            <LanguageSwitch label={t.language.label} names={{ "zh-CN": t.language.zh, en: t.language.en }} />
            <WaitingLink
              labels={{
                nav: t.rectification.nav,
                unit: t.rectification.waitingUnit,
                reviewer: t.rectification.waitingReviewer,
              }}
            />
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-4 pb-2">
          <NavLinks
            label={t.nav.main}
            month={month}
            ownUnitLabel={t.auth.ownUnit}
            scrollHint={t.readers.nav.scrollHint}
            links={links}
          />
        </div>
      </header>
    </>
  );
}
