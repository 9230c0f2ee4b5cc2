import { canViewAllCards } from "@/lib/access";
import { withGuard } from "@/lib/http/with-guard";
import { getWallFigures } from "@/lib/supervision/server";

/** The wall display's figures (大屏), fetched by the page every minute: viewers of every unit only. */
export const GET = withGuard("report.viewAllUnits", async ({ viewer }) => {
  if (!canViewAllCards(viewer)) return Response.json({ error: "无权访问 / forbidden" }, { status: 403 });
  return Response.json(await getWallFigures(), { headers: { "Cache-Control": "private, no-store" } });
});
