import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { BoardView } from "@/components/supervision/board-view";
import { canViewAllCards } from "@/lib/access";
import { requirePagePermission } from "@/lib/access/guard";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { readBoardSort, readCardFilter } from "@/lib/supervision";

// With a query (filters, sort) the board is drawn per request. Without one, proxy.ts serves the
// day's cached version instead (app/[lang]/warnings/board/view/[day]; pageForViewer in
// lib/access/permissions.ts).
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).supervision.board.title };
}

export default async function WarningsBoardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePagePermission("supervision.view", "/warnings/board");
  if (!canViewAllCards(viewer)) forbidden();
  const query = await searchParams;
  return <BoardView filter={readCardFilter(query)} sort={readBoardSort(query)} />;
}
