import { guardRoute } from "@/lib/auth/guard";
import { bulletinFileName, DOCX_CONTENT_TYPE } from "@/lib/export/bulletin-files";
import { downloadResponse } from "@/lib/export/download";
import { getBulletin } from "@/lib/queries/bulletin";
import { renderBulletinDocx } from "@/lib/report/render-docx";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { monthParam, paramNotFound } from "@/lib/route-params";

/** The month's bulletin as Word: it names every unit, so officials and admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ month: string }> }) {
  const guard = await guardRoute("report.export", { bulletin: true });
  if (!guard.ok) return guard.response;
  const { month } = await params;
  if (!monthParam(month)) return paramNotFound("month", month);
  const bulletin = await getBulletin(month);
  if (!bulletin) return missingDownloadResponse(request, month);
  const { fileName, asciiName } = bulletinFileName(month, "docx");
  return downloadResponse(await renderBulletinDocx(bulletin), DOCX_CONTENT_TYPE, fileName, asciiName);
}
