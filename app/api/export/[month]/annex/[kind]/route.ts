import { annexCsv, csvResponse } from "@/lib/dashboard/exports/annex-csv";
import { downloadResponse } from "@/lib/export/download";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { annexXlsx, XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import { ANNEX_KIND_PARAM, MONTH_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";
import { fill, getMessages } from "@/lib/i18n/messages";
import { getMonthData } from "@/lib/month-versions/month-data";

/**
 * 附件1 (departments) or 附件2 (districts) as CSV, or with ?format=xlsx as a workbook in the
 * report's layout: every unit's rows, so officials and admins only.
 */
export const GET = withGuard(
  "report.viewAllUnits",
  // The kind is checked before the month.
  { params: { kind: ANNEX_KIND_PARAM, month: MONTH_PARAM } },
  async ({ request, params: { kind: annex, month } }) => {
    const format = new URL(request.url).searchParams.get("format") ?? "csv";
    if (format !== "csv" && format !== "xlsx")
      return Response.json({ error: fill(getMessages().routeParams.format, { value: format }) }, { status: 400 });
    const data = await getMonthData(month);
    if (!data) return missingDownloadResponse(request, month);
    const rows = data.rows.filter((r) => r.kind === annex.unitKind);
    // A demo month's file says so in its name, where it is read once it leaves the dashboard.
    const demo = data.isDemo ? `${getMessages().demo.badge}-` : "";
    if (format === "xlsx") {
      const file = await annexXlsx(month, rows, [annex.unitKind]);
      return downloadResponse(
        file.bytes,
        XLSX_CONTENT_TYPE,
        `${demo}${file.fileName}`,
        `${data.isDemo ? "demo-" : ""}annex-${annex.name}-${month}.xlsx`,
      );
    }
    return csvResponse(
      annexCsv(rows, annex.unitKind, month),
      `${demo}${annex.unitKind === "DEPARTMENT" ? "附件1-市级部门" : "附件2-县市区"}-${month}.csv`,
    );
  },
);
