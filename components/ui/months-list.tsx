"use client";

// The months that have published data, newest first, each a link to its overview: on the 404
// and 403 pages. Those pages are error boundaries of the app's layout, and Next sends each
// boundary's element with EVERY page (for a navigation that ends in notFound()), so a server-
// rendered list of 120 months cost every page ~110 kB of RSC payload (issue 23). Here it
// travels as one short string and is drawn only when the boundary is shown.
import { DemoBadge } from "@/components/ui/demo-badge";
import Link, { useLocale } from "@/components/ui/locale-link";
import { unpackMonths } from "@/components/ui/packed-months";
import { formatMonthLabel } from "@/lib/calendar/month";

/** `months`: packed (components/ui/packed-months.ts). */
export function MonthsList({ months, heading, demoLabel }: { months: string; heading: string; demoLabel: string }) {
  const locale = useLocale();
  return (
    <section className="mt-6 text-left" aria-labelledby="months-that-exist">
      <h2 id="months-that-exist" className="text-sm font-semibold text-slate-800">
        {heading}
      </h2>
      <ul className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3" data-testid="months-that-exist">
        {unpackMonths(months)
          .reverse()
          .map((m) => (
            <li key={m.month}>
              <Link href={`/${m.month}`} className="text-brand-700 underline-offset-2 hover:underline">
                {formatMonthLabel(m.month, locale)}
              </Link>
              {m.isDemo && (
                <span className="ml-1 align-middle">
                  <DemoBadge label={demoLabel} />
                </span>
              )}
            </li>
          ))}
      </ul>
    </section>
  );
}
