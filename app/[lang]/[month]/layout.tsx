import { notFound } from "next/navigation";
import { ProvisionalBanner } from "@/components/supervision/provisional-banner";
import { AppHeader } from "@/components/ui/app-header";
import { DemoBadge } from "@/components/ui/demo-badge";
import { isMonth } from "@/lib/calendar/month";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { getPublishedMonths } from "@/lib/month-versions/published-months";
import { getProvisionalMonth } from "@/lib/supervision/server";

// Month views are rendered on first visit and then served as static pages
// until publishing a month revalidates them (see lib/cache/cache-tags.ts).
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
  const t = await getPageMessages();
  const provisional = await getProvisionalMonth(month);

  return (
    <div className="min-h-screen">
      <AppHeader months={months} month={month} />
      {current.isDemo && (
        <div className="border-b border-amber-200 bg-amber-50 print:border-0" role="note">
          <div className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-900">
            <DemoBadge label={t.demo.badge} /> <span className="ml-2">{t.demo.explanation}</span>
          </div>
        </div>
      )}
      {provisional && <ProvisionalBanner t={t.dailyFeed} asOf={provisional.asOf} />}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
