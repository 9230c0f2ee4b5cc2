import { notFound, redirect } from "next/navigation";
import { localePath } from "@/lib/i18n/locale";
import { pageLocale } from "@/lib/i18n/page-locale";
import { getLatestMonth } from "@/lib/month-versions/published-months";

// Decided per request: the newest month changes when a month is published.
export const dynamic = "force-dynamic";

/** /reports: the newest month's bulletin. */
export default async function ReportsIndex() {
  const latest = await getLatestMonth();
  if (!latest) notFound();
  redirect(localePath(await pageLocale(), `/reports/${latest}`));
}
