import { guardRoute } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import { annexFileName } from "@/lib/annex-upload/parse/annex-workbook";
import { downloadChoice, issuedBytes } from "@/lib/bulletin/issue/issued-download";
import { downloadResponse } from "@/lib/export/download";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { annexXlsx, XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import { monthParam, paramNotFound } from "@/lib/http/route-params";
import { getMonthData } from "@/lib/month-versions/month-data";

/**
 * 附件1 and 附件2 of the month's bulletin as one workbook in the report's layout (the upload
 * path reads it back to the same figures): everyone who may read the bulletin (canReadBulletin).
 */
export async function GET(request: Request, { params }: { params: Promise<{ month: string }> }) {
  const guard = await guardRoute("report.export", { bulletin: true });
  if (!guard.ok) return guard.response;
  const { month } = await params;
  if (!monthParam(month)) return paramNotFound("month", month);
  const choice = downloadChoice(request);
  if (!choice) return Response.json({ error: "edition 无效 / invalid edition" }, { status: 400 });
  // The draft is not what was distributed: everyone who may read the bulletin (canReadBulletin).
  if (choice.draft && !can(guard.viewer, "report.viewAllUnits"))
    return Response.json({ error: "无权访问 / forbidden" }, { status: 403 });
  // An issued month: the stored bytes of the edition, exactly as issued.
  const issued = await issuedBytes(month, "xlsx", choice);
  if (issued === "notFound") return Response.json({ error: "没有该版次 / no such edition" }, { status: 404 });
  if (issued) {
    const fileName = annexFileName("both", month);
    const asciiName = `annexes-${month}.xlsx`;
    return downloadResponse(issued, XLSX_CONTENT_TYPE, fileName, asciiName);
  }
  const data = await getMonthData(month);
  if (!data) return missingDownloadResponse(request, month);
  const file = await annexXlsx(month, data.rows);
  return downloadResponse(file.bytes, XLSX_CONTENT_TYPE, file.fileName, `annexes-${month}.xlsx`);
}
