import { guardRoute } from "@/lib/auth/guard";
import { bulletinFileName, PDF_CONTENT_TYPE } from "@/lib/export/bulletin-files";
import { downloadResponse } from "@/lib/export/download";
import { getBulletin } from "@/lib/queries/bulletin";
import { renderBulletinPdf } from "@/lib/report/render-pdf";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { monthParam, paramNotFound } from "@/lib/route-params";

/** The month's bulletin as PDF (A4, charts included): officials and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ month: string }> }) {
  const guard = await guardRoute("report.export", { bulletin: true });
  if (!guard.ok) return guard.response;
  const { month } = await params;
  if (!monthParam(month)) return paramNotFound("month", month);
  const bulletin = await getBulletin(month);
  if (!bulletin) return missingDownloadResponse(request, month);
  const { fileName, asciiName } = bulletinFileName(month, "pdf");
  return downloadResponse(await renderBulletinPdf(bulletin), PDF_CONTENT_TYPE, fileName, asciiName);
}
