import { canViewAllCards } from "@/lib/access";
import { downloadResponse } from "@/lib/export/download";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";
import { countByUnit, readBoardSort, unitCountsCsv } from "@/lib/supervision";
import { getCards, getUnitDirectory } from "@/lib/supervision/server";

/** The board's counts per unit as CSV (viewers of every unit only). */
export const GET = withGuard("report.viewAllUnits", async ({ request, viewer }) => {
  if (!canViewAllCards(viewer)) return Response.json({ error: "无权访问 / forbidden" }, { status: 403 });
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const [{ context, cards }, units] = await Promise.all([getCards(), getUnitDirectory()]);
  const order = new Map(units.map((u, i) => [u.id, i]));
  const rows = countByUnit(cards, readBoardSort(query), (id) => order.get(id) ?? 0);
  const csv = unitCountsCsv(
    rows,
    getMessages().supervision,
    (id) => units.find((u) => u.id === id)?.name ?? String(id),
  );
  return downloadResponse(
    csv,
    "text/csv; charset=utf-8",
    `预警统计-${context.asOf}.csv`,
    `warnings-board-${context.asOf}.csv`,
  );
});
