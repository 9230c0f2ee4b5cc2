import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { WarningsView } from "@/components/supervision/warnings-view";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { readCardFilter, readCardListView } from "@/lib/supervision";
import { cardAudienceOf } from "@/lib/supervision/server";

// With a query (filters, order, page) the page is drawn per request: the viewer decides the audience here.
// Without one, proxy.ts serves the audience's cached version of the day instead
// (app/[lang]/warnings/view/[unit]/[day]; pageForViewer in lib/access/permissions.ts), except to
// a viewer with no audience (a department user without a unit), who gets this page.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).supervision.warnings.title };
}

export default async function WarningsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePagePermission("supervision.view", "/warnings");
  const audience = cardAudienceOf(viewer);
  if (!audience) forbidden();
  const query = await searchParams;
  return <WarningsView audience={audience} filter={readCardFilter(query)} view={readCardListView(query)} />;
}
