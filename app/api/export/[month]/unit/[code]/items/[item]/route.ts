import { guardRoute } from "@/lib/auth/guard";
import { itemCasesCsv } from "@/lib/export/case-drill-down-csv";
import { csvResponse } from "@/lib/export/annex-csv";
import { getMessages } from "@/lib/i18n/messages";
import { prisma } from "@/lib/db";
import { getCurrentCaseImport, getUnitItems, itemCodeFromSegment, loadItemCases } from "@/lib/queries/case-drill-down";
import { getUnit } from "@/lib/queries/unit-history";
import { monthParam, paramNotFound, unitCodeParam } from "@/lib/route-params";

/** Every case of one of the unit's items, overdue first, as CSV: the unit's own users, officials and admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string; code: string; item: string }> }) {
  const { month, code, item } = await params;
  const guard = await guardRoute("report.export", { unitCode: code });
  if (!guard.ok) return guard.response;
  if (!monthParam(month)) return paramNotFound("month", month);
  const unit = unitCodeParam(code) ? await getUnit(code) : null;
  if (!unit) return paramNotFound("unit", code);
  const ref = await getCurrentCaseImport(month);
  // No case records this month (figures from the annex upload, or no such month): nothing to list.
  if (!ref) return Response.json({ error: getMessages().drillDown.noCaseRecords }, { status: 404 });
  const itemCode = itemCodeFromSegment(item);
  // Only the unit's own items: another unit's item code is not found here.
  const own = itemCode === null ? undefined : (await getUnitItems(ref.importId, ref.month, unit.id)).items.find((i) => i.itemCode === itemCode);
  const t = getMessages().drillDown;
  if (!own) return Response.json({ error: t.itemNotFound }, { status: 404 });
  const { cases } = await loadItemCases(prisma, { ref, unitId: unit.id, itemCode: own.itemCode, page: 1, pageSize: 1_000_000 });
  return csvResponse(itemCasesCsv(cases, t), `${unit.name}-${own.itemCode}-${month}.csv`);
}
