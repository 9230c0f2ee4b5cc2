// The month's bulletin (通报): the issued edition when the month has been issued (印发; a
// frozen snapshot, lib/bulletin/issue), else the draft generated from the data. Prerendered on
// first visit and served as a static page until the data, thresholds, texts or an issue change
// (all read under REPORT_DATA_TAG). Who may see it is decided in proxy.ts (report.viewAllUnits).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulletinPage } from "@/components/bulletin/bulletin-page";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { getBulletin, getBulletinTexts, getIssuedBulletinCached } from "@/lib/bulletin/read-bulletin";
import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { getPublishedMonths } from "@/lib/month-versions/published-months";
import { getProvisionalMonth } from "@/lib/supervision/server";

export async function generateStaticParams(): Promise<Array<{ month: string }>> {
  return [];
}
export const dynamicParams = true;

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }): Promise<Metadata> {
  const { month } = await params;
  return { title: `${(await getPageMessages()).bulletin.heading} ${isMonth(month) ? formatMonthLabel(month) : month}` };
}

export default async function BulletinRoute({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  if (!isMonth(month)) notFound();
  const [issued, months] = await Promise.all([getIssuedBulletinCached(month, null), getPublishedMonths()]);
  const t = await getPageMessages();
  const b = t.bulletin;
  const i = t.figures.issue;
  if (issued) {
    const document = issued.document;
    return (
      <BulletinPage
        month={month}
        bulletin={document}
        months={months}
        versionLine={`${fill(b.dataVersion, { version: issued.versionNumber })} · ${fill(i.edition, { edition: issued.edition })}`}
        downloadQuery=""
        banner={
          <p className="flex flex-wrap items-center gap-3">
            <span className="font-medium text-emerald-800" data-testid="issued-banner" data-edition={issued.edition}>
              {/* The issue line is the document's own words ("2021年7月5日印发"): Chinese on an English page too. */}
              {fillNodes(i.issuedBanner, {
                edition: issued.edition,
                date: <span lang={nameLang(t.locale)}>{document.closing.issueLine}</span>,
              })}
            </span>
            <Link href={`/reports/${month}/draft`} className="text-brand-700 hover:underline">
              {i.viewDraft}
            </Link>
            {Array.from({ length: issued.edition - 1 }, (_, k) => k + 1).map((edition) => (
              <Link
                key={edition}
                href={`/reports/${month}/editions/${edition}`}
                className="text-brand-700 hover:underline"
              >
                {fill(i.edition, { edition })}
              </Link>
            ))}
          </p>
        }
      />
    );
  }
  const [bulletin, texts, provisional] = await Promise.all([
    getBulletin(month),
    getBulletinTexts(month),
    getProvisionalMonth(month),
  ]);
  if (!bulletin) notFound();
  return (
    <BulletinPage
      month={month}
      bulletin={bulletin}
      months={months}
      versionLine={`${fill(b.dataVersion, { version: bulletin.versionNumber })} · ${texts.version === null ? b.textsDefault : fill(b.textsVersion, { version: texts.version })}`}
      downloadQuery=""
      banner={
        <>
          {provisional && (
            <p className="text-brand-900" data-testid="provisional-banner" data-as-of={provisional.asOf}>
              {fill(t.dailyFeed.provisional.title, { date: provisional.asOf })}
            </p>
          )}
          <p className="text-amber-800" data-testid="not-issued-banner">
            {i.notIssued}
          </p>
        </>
      }
    />
  );
}
