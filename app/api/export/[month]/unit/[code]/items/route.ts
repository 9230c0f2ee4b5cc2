import { guardRoute } from "@/lib/auth/guard";
import { unitItemsCsv } from "@/lib/export/case-drill-down-csv";
import { csvResponse } from "@/lib/export/annex-csv";
import { getMessages } from "@/lib/i18n/messages";
import { getCurrentCaseImport, getUnitItems } from "@/lib/queries/case-drill-down";
import { getUnit } from "@/lib/queries/unit-history";
import { monthParam, paramNotFound, unitCodeParam } from "@/lib/route-params";

/** A unit's service items with their figures (case records) as CSV: the unit's own users, officials and admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  const guard = await guardRoute("report.export", { unitCode: code });
  if (!guard.ok) return guard.response;
  if (!monthParam(month)) return paramNotFound("month", month);
  const unit = unitCodeParam(code) ? await getUnit(code) : null;
  if (!unit) return paramNotFound("unit", code);
  const ref = await getCurrentCaseImport(month);
  // No case records this month (figures from the annex upload, or no such month): nothing to list.
  if (!ref) return Response.json({ error: getMessages().drillDown.noCaseRecords }, { status: 404 });
  const { items } = await getUnitItems(ref.importId, ref.month, unit.id);
  return csvResponse(unitItemsCsv(items, getMessages().drillDown), `${unit.name}-事项-${month}.csv`);
}
