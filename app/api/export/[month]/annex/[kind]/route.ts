import { guardRoute } from "@/lib/auth/guard";
import { annexCsv, csvResponse } from "@/lib/export/annex-csv";
import { downloadResponse } from "@/lib/export/download";
import { annexXlsx, XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import { getMonthData } from "@/lib/queries/month-data";
import { missingDownloadResponse } from "@/lib/export/missing-download";

const KINDS = { departments: "DEPARTMENT", districts: "DISTRICT" } as const;

/**
 * 附件1 (departments) or 附件2 (districts) as CSV, or with ?format=xlsx as a workbook in the
 * report's layout: every unit's rows, so officials and admins only.
 */
export async function GET(request: Request, { params }: { params: Promise<{ month: string; kind: string }> }) {
  const { month, kind } = await params;
  const guard = await guardRoute("report.viewAllUnits");
  if (!guard.ok) return guard.response;
  if (!(kind in KINDS)) return Response.json({ error: "kind 须为 departments 或 districts" }, { status: 404 });
  const format = new URL(request.url).searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "xlsx") return Response.json({ error: "format 须为 csv 或 xlsx" }, { status: 400 });
  const unitKind = KINDS[kind as keyof typeof KINDS];
  const data = await getMonthData(month);
  if (!data) return missingDownloadResponse(request, month);
  const rows = data.rows.filter((r) => r.kind === unitKind);
  if (format === "xlsx") {
    const file = await annexXlsx(month, rows, [unitKind]);
    return downloadResponse(file.bytes, XLSX_CONTENT_TYPE, file.fileName, `annex-${kind}-${month}.xlsx`);
  }
  return csvResponse(annexCsv(rows, unitKind), `${unitKind === "DEPARTMENT" ? "附件1-市级部门" : "附件2-县市区"}-${month}.csv`);
}
