import { csvResponse, unitHistoryCsv } from "@/lib/dashboard/exports/annex-csv";
import { unitDownload } from "@/lib/dashboard/exports/unit-download";
import { getMonthView } from "@/lib/dashboard/month-view";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { withGuard } from "@/lib/http/with-guard";

/** A unit's 13-month history as CSV: its own users, officials and admins only. */
export const GET = withGuard("report.export", unitDownload, async ({ request, params: { month, code: unit } }) => {
  const view = await getMonthView(month);
  if (!view) return missingDownloadResponse(request, month);
  const history = view.history.map((m) => ({
    month: m.month,
    isDemo: m.isDemo,
    row: m.rows.find((r) => r.unitCode === unit.code) ?? null,
  }));
  return csvResponse(unitHistoryCsv(history.reverse()), `${unit.name}-${month}.csv`);
});
