import { notFound } from "next/navigation";
import { DemoBadge } from "@/components/ui/demo-badge";
import { MonthPicker } from "@/components/ui/month-picker";
import { NavLinks } from "@/components/ui/nav-links";
import { ViewerMenu } from "@/components/ui/viewer-menu";
import { getMessages } from "@/lib/i18n/messages";
import { formatMonthLabel, isMonth } from "@/lib/month";
import { getPublishedMonths } from "@/lib/queries/months";

// Month views are rendered on first visit and then served as static pages
// until publishing a month revalidates them (see lib/queries/cache-tags.ts).
export async function generateStaticParams(): Promise<Array<{ month: string }>> {
  return [];
}
export const dynamicParams = true;

export default async function MonthLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ month: string }>;
}) {
  const { month } = await params;
  if (!isMonth(month)) notFound();
  const months = await getPublishedMonths();
  const current = months.find((m) => m.month === month);
  if (!current) notFound();
  const t = getMessages();

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t.app.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-3 md:flex-row md:items-center md:justify-between">
          <div>
            <div className="text-lg font-bold text-brand-900">
              {t.app.city}
              {t.app.title}
            </div>
            <div className="text-xs text-slate-500">{t.app.subtitle}</div>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <MonthPicker
              months={months.map((m) => ({ month: m.month, label: formatMonthLabel(m.month), isDemo: m.isDemo }))}
              current={month}
              label={t.nav.month}
              demoLabel={t.demo.badge}
            />
            {current.isDemo && <DemoBadge label={t.demo.badge} title={t.demo.explanation} />}
            <ViewerMenu messages={t.auth} />
          </div>
        </div>
        <div className="mx-auto max-w-7xl px-4 pb-2">
          <NavLinks
            label={t.nav.main}
            month={month}
            ownUnitLabel={t.auth.ownUnit}
            links={[
              { href: `/${month}`, label: t.nav.overview },
              { href: `/${month}/municipal`, label: t.nav.municipal, audience: "allUnits" },
              { href: `/${month}/districts`, label: t.nav.districts, audience: "allUnits" },
              { href: `/${month}/evaluations`, label: t.sections.nav.evaluations, audience: "allUnits" },
              { href: `/${month}/timeliness`, label: t.sections.nav.timeliness, audience: "allUnits" },
              { href: `/${month}/problems`, label: t.sections.nav.problems, audience: "allUnits" },
              { href: `/reports/${month}`, label: t.sections.nav.bulletin, audience: "bulletin" },
            ]}
          />
        </div>
      </header>
      {current.isDemo && (
        <div className="border-b border-amber-200 bg-amber-50" role="note">
          <div className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-900">
            <DemoBadge label={t.demo.badge} /> <span className="ml-2">{t.demo.explanation}</span>
          </div>
        </div>
      )}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
