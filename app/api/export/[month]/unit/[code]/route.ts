import { guardRoute } from "@/lib/auth/guard";
import { csvResponse, unitHistoryCsv } from "@/lib/export/annex-csv";
import { getMonthView } from "@/lib/queries/month-view";
import { getUnit } from "@/lib/queries/unit-history";
import { monthParam, paramNotFound, unitCodeParam } from "@/lib/route-params";
import { missingDownloadResponse } from "@/lib/export/missing-download";

/** A unit's 13-month history as CSV: its own users, officials and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  const guard = await guardRoute("report.export", { unitCode: code });
  if (!guard.ok) return guard.response;
  if (!monthParam(month)) return paramNotFound("month", month);
  const unit = unitCodeParam(code) ? await getUnit(code) : null;
  if (!unit) return paramNotFound("unit", code);
  const view = await getMonthView(month);
  if (!view) return missingDownloadResponse(request, month);
  const history = view.history.map((m) => ({ month: m.month, isDemo: m.isDemo, row: m.rows.find((r) => r.unitCode === code) ?? null }));
  return csvResponse(unitHistoryCsv(history.reverse()), `${unit.name}-${month}.csv`);
}
