// One issued edition of a month's bulletin (第1版, 第2版 …), exactly as issued.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulletinPage } from "@/components/bulletin/bulletin-page";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { getIssuedBulletinCached } from "@/lib/bulletin/read-bulletin";
import { formatMonthLabel, isMonth } from "@/lib/calendar/month";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { getPublishedMonths } from "@/lib/month-versions/published-months";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ month: string; edition: string }>;
}): Promise<Metadata> {
  const { month, edition } = await params;
  const t = await getPageMessages();
  const label = isMonth(month) ? formatMonthLabel(month, t.locale) : month;
  return { title: fill(t.bulletin.editionTitle, { heading: t.bulletin.heading, month: label, edition }) };
}

export default async function BulletinEditionRoute({
  params,
}: {
  params: Promise<{ month: string; edition: string }>;
}) {
  const { month, edition } = await params;
  if (!isMonth(month) || !/^[1-9]\d{0,3}$/.test(edition)) notFound();
  const [issued, months] = await Promise.all([getIssuedBulletinCached(month, Number(edition)), getPublishedMonths()]);
  if (!issued) notFound();
  const t = await getPageMessages();
  const i = t.figures.issue;
  return (
    <BulletinPage
      month={month}
      bulletin={issued.document}
      months={months}
      versionLine={`${fill(t.bulletin.dataVersion, { version: issued.versionNumber })} · ${fill(i.edition, { edition: issued.edition })}`}
      downloadQuery={`?edition=${issued.edition}`}
      banner={
        <p className="flex flex-wrap items-center gap-3">
          <span className="font-medium text-emerald-800" data-testid="issued-banner" data-edition={issued.edition}>
            {/* The issue line is the document's own words ("2021年7月5日印发"): Chinese on an English page too. */}
            {fillNodes(i.issuedBanner, {
              edition: issued.edition,
              date: <span lang={nameLang(t.locale)}>{issued.document.closing.issueLine}</span>,
            })}
          </span>
          <Link href={`/reports/${month}`} className="text-brand-700 hover:underline">
            {i.viewIssued}
          </Link>
        </p>
      }
    />
  );
}
