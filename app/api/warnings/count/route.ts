import { canViewAllCards } from "@/lib/access";
import { withGuard } from "@/lib/http/with-guard";
import { getViewerCardCounts } from "@/lib/supervision/server";

/**
 * The header's 预警 count: the viewer's own unit's red and yellow cards (a department user), or
 * every unit's. Memoised for 30 s on the server (lib/supervision/cards/brief-memo.ts) and for as
 * long in the browser, so that every page's header costs one small request.
 */
export const GET = withGuard("supervision.view", async ({ viewer }) => {
  const counts = await getViewerCardCounts(viewer);
  return Response.json(
    { ...counts, href: canViewAllCards(viewer) ? "/warnings/board" : "/warnings" },
    { headers: { "Cache-Control": "private, max-age=30" } },
  );
});
