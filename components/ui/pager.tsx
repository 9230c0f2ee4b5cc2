// Turning the pages of a long list whose pages are URLs of their own (an item's cases, the 预警
// list): previous, "page n of m", next. Links the size of buttons (36 px): pages are turned with a
// thumb as often as with a mouse. Server component; nothing is drawn for a single page.
import Link from "@/components/ui/locale-link";
import { formatCount } from "@/lib/i18n/format";
import { fill, type Locale, type Messages } from "@/lib/i18n/messages";

const LINK = "inline-flex min-h-9 items-center rounded border border-brand-600 px-3 text-brand-700 hover:bg-brand-50";
const NONE = "inline-flex min-h-9 items-center rounded border border-slate-200 px-3 text-slate-600";

export function Pager({
  page,
  pages,
  href,
  t,
  locale,
  testId,
}: {
  page: number;
  pages: number;
  /** The URL of page `p` (1-based). */
  href: (p: number) => string;
  t: Messages["pager"];
  locale: Locale;
  testId?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={t.label} className="flex flex-wrap items-center gap-3 text-sm" data-testid={testId}>
      {page > 1 ? (
        <Link href={href(page - 1)} className={LINK} rel="prev">
          {t.previous}
        </Link>
      ) : (
        <span className={NONE}>{t.previous}</span>
      )}
      <span aria-current="page">
        {fill(t.status, { page: formatCount(page, { locale }), pages: formatCount(pages, { locale }) })}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={LINK} rel="next">
          {t.next}
        </Link>
      ) : (
        <span className={NONE}>{t.next}</span>
      )}
    </nav>
  );
}
