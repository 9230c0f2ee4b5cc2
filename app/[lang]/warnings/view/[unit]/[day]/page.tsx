import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WarningsView } from "@/components/supervision/warnings-view";
import { getPageMessages } from "@/lib/i18n/page-locale";

// The 预警 page of an audience (a unit's code, or "all" for viewers of every unit) and a day, as
// served at /warnings without a query: rendered on first visit, then from Next's page cache until
// something changes the cards (their tag, lib/cache/cache-tags.ts SUPERVISION_CARDS_TAG) or 30 s
// pass (the staleness the cards' memo accepts, docs/supervision-cards.md). No path rule names this
// URL: proxy.ts rewrites /warnings here with the session's own audience and the cards' day
// (pageForViewer, lib/access/permissions.ts), and a request for it is refused like any unknown path.
export async function generateStaticParams(): Promise<Array<{ unit: string; day: string }>> {
  return [];
}
export const dynamicParams = true;
export const revalidate = 30;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).supervision.warnings.title };
}

export default async function WarningsOfDay({ params }: { params: Promise<{ unit: string; day: string }> }) {
  const { unit, day } = await params;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !(unit === "all" || /^[a-z][0-9]{2,4}$/.test(unit))) notFound();
  const audience = unit === "all" ? ({ everyUnit: true } as const) : ({ everyUnit: false, unitCode: unit } as const);
  return <WarningsView audience={audience} filter={{}} day={day} />;
}
