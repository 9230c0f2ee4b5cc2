// The draft of an issued month: the bulletin as today's data, thresholds and texts would make
// it, with what differs from the issued edition. Rendered per request (admins compare it
// before issuing again); a month not issued yet has only its draft at /reports/[month].
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { BulletinPage } from "@/components/bulletin/bulletin-page";
import { DraftDifferencesList } from "@/components/bulletin/draft-differences";
import Link from "@/components/ui/locale-link";
import { getDraftAgainstIssue } from "@/lib/bulletin/read-bulletin";
import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { localePath } from "@/lib/i18n/locale";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";
import { getPublishedMonths } from "@/lib/month-versions/published-months";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  const t = await getPageMessages();
  const label = isMonth(month) ? formatMonthLabel(month, t.locale) : month;
  return { title: fill(t.bulletin.draftTitle, { heading: t.bulletin.heading, month: label }) };
}

export default async function BulletinDraftRoute({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  if (!isMonth(month)) notFound();
  const [state, months] = await Promise.all([getDraftAgainstIssue(month), getPublishedMonths()]);
  if (!state) redirect(localePath(await pageLocale(), `/reports/${month}`));
  const t = await getPageMessages();
  const i = t.figures.issue;
  return (
    <BulletinPage
      month={month}
      bulletin={state.draft}
      months={months}
      versionLine={fill(t.bulletin.dataVersion, { version: state.draft.versionNumber })}
      downloadQuery="?draft=1"
      banner={
        <p className="flex flex-wrap items-center gap-3">
          <span className="font-medium text-amber-800" data-testid="draft-banner">
            {fill(i.draftBanner, { edition: state.issued.edition })}
          </span>
          <Link href={`/reports/${month}`} className="text-brand-700 hover:underline">
            {i.viewIssued}
          </Link>
        </p>
      }
    >
      <DraftDifferencesList differences={state.differences} edition={state.issued.edition} t={t} />
    </BulletinPage>
  );
}
