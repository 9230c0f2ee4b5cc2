import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BoardView } from "@/components/supervision/board-view";
import { getPageMessages } from "@/lib/i18n/page-locale";

// The board of a day, as served at /warnings/board without a query (its one audience: viewers of
// every unit): rendered on first visit, then from Next's page cache until something changes the
// cards (their tag, lib/cache/cache-tags.ts SUPERVISION_CARDS_TAG) or 30 s pass
// (docs/supervision-cards.md). No path rule names this URL: only proxy.ts leads here, after its
// decision (pageForViewer, lib/access/permissions.ts); a request for it is refused.
export async function generateStaticParams(): Promise<Array<{ day: string }>> {
  return [];
}
export const dynamicParams = true;
export const revalidate = 30;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).supervision.board.title };
}

export default async function BoardOfDay({ params }: { params: Promise<{ day: string }> }) {
  const { day } = await params;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) notFound();
  return <BoardView filter={{}} sort="red" day={day} />;
}
