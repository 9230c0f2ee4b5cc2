import { guardRoute } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import { downloadChoice, issuedBytes } from "@/lib/bulletin/issue/issued-download";
import { getBulletin } from "@/lib/bulletin/read-bulletin";
import { bulletinFileName, DOCX_CONTENT_TYPE } from "@/lib/bulletin/render/bulletin-files";
import { renderBulletinDocx } from "@/lib/bulletin/render/render-docx";
import { downloadResponse } from "@/lib/export/download";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { monthParam, paramNotFound } from "@/lib/http/route-params";

/** The month's bulletin as Word: it names every unit, so everyone who may read the bulletin (canReadBulletin). */
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
  const issued = await issuedBytes(month, "docx", choice);
  if (issued === "notFound") return Response.json({ error: "没有该版次 / no such edition" }, { status: 404 });
  if (issued) {
    const { fileName, asciiName } = bulletinFileName(month, "docx");
    return downloadResponse(issued, DOCX_CONTENT_TYPE, fileName, asciiName);
  }
  const bulletin = await getBulletin(month);
  if (!bulletin) return missingDownloadResponse(request, month);
  const { fileName, asciiName } = bulletinFileName(month, "docx");
  return downloadResponse(await renderBulletinDocx(bulletin), DOCX_CONTENT_TYPE, fileName, asciiName);
}
