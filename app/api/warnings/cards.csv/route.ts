import { downloadResponse } from "@/lib/export/download";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";
import { cardsCsv, readCardFilter } from "@/lib/supervision";
import { cardsForViewer, getItemNames } from "@/lib/supervision/server";

/** The cards the 预警 page lists, with its filters (?unit=&item=&level=), as CSV: the viewer's scope only. */
export const GET = withGuard("supervision.view", async ({ request, viewer }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const scoped = await cardsForViewer(viewer, readCardFilter(query));
  if (!scoped.ok) {
    return scoped.reason === "forbidden"
      ? Response.json({ error: "无权访问 / forbidden" }, { status: 403 })
      : Response.json({ error: "没有这个单位 / no such unit" }, { status: 404 });
  }
  const t = getMessages().supervision;
  const names = await getItemNames(
    scoped.unit?.id,
    scoped.cards.map((c) => c.itemCode),
  );
  const unitName = (id: number) => scoped.units.find((u) => u.id === id)?.name ?? String(id);
  const csv = cardsCsv(scoped.cards, t, unitName, (unitId, code) => names.get(`${unitId}:${code}`));
  const scope = scoped.unit?.name ?? "全市";
  return downloadResponse(
    csv,
    "text/csv; charset=utf-8",
    `预警-${scope}-${scoped.context.asOf}.csv`,
    `warnings-${scoped.unit?.code ?? "all"}-${scoped.context.asOf}.csv`,
  );
});
