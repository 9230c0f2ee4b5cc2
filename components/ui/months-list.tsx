import { DemoBadge } from "@/components/ui/demo-badge";
import Link from "@/components/ui/locale-link";
import { formatMonthLabel } from "@/lib/calendar/month";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import type { PublishedMonth } from "@/lib/month-versions/published-months";

/** The months that have published data, newest first, each a link to its overview. */
export async function MonthsList({ months }: { months: PublishedMonth[] }) {
  const t = await getPageMessages();
  const locale = await pageLocale();
  return (
    <section className="mt-6 text-left" aria-labelledby="months-that-exist">
      <h2 id="months-that-exist" className="text-sm font-semibold text-slate-800">
        {t.readers.errors.monthsThatExist}
      </h2>
      <ul className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3" data-testid="months-that-exist">
        {[...months].reverse().map((m) => (
          <li key={m.month}>
            <Link href={`/${m.month}`} className="text-brand-700 underline-offset-2 hover:underline">
              {formatMonthLabel(m.month, locale)}
            </Link>
            {m.isDemo && (
              <span className="ml-1 align-middle">
                <DemoBadge label={t.demo.badge} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
