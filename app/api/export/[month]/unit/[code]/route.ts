import { csvResponse, unitHistoryCsv } from "@/lib/dashboard/exports/annex-csv";
import { unitDownload } from "@/lib/dashboard/exports/unit-download";
import { getMonthView } from "@/lib/dashboard/month-view";
import { missingDownloadResponse } from "@/lib/export/missing-download";

/** A unit's 13-month history as CSV: its own users, officials and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  const checked = await unitDownload(month, code);
  if (!checked.ok) return checked.response;
  const { unit } = checked;
  const view = await getMonthView(month);
  if (!view) return missingDownloadResponse(request, month);
  const history = view.history.map((m) => ({
    month: m.month,
    isDemo: m.isDemo,
    row: m.rows.find((r) => r.unitCode === code) ?? null,
  }));
  return csvResponse(unitHistoryCsv(history.reverse()), `${unit.name}-${month}.csv`);
}
