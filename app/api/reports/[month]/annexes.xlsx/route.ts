import { guardRoute } from "@/lib/auth/guard";
import { downloadResponse } from "@/lib/export/download";
import { annexXlsx, XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import { getMonthData } from "@/lib/queries/month-data";
import { monthParam, paramNotFound } from "@/lib/route-params";
import { missingDownloadResponse } from "@/lib/export/missing-download";

/**
 * 附件1 and 附件2 of the month's bulletin as one workbook in the report's layout (the upload
 * path reads it back to the same figures): officials and admins only.
 */
export async function GET(request: Request, { params }: { params: Promise<{ month: string }> }) {
  const guard = await guardRoute("report.export", { bulletin: true });
  if (!guard.ok) return guard.response;
  const { month } = await params;
  if (!monthParam(month)) return paramNotFound("month", month);
  const data = await getMonthData(month);
  if (!data) return missingDownloadResponse(request, month);
  const file = await annexXlsx(month, data.rows);
  return downloadResponse(file.bytes, XLSX_CONTENT_TYPE, file.fileName, `annexes-${month}.xlsx`);
}
