import "server-only";
import { can, type Viewer } from "@/lib/access";
import { annexFileName } from "@/lib/annex-upload";
// The month's bulletin as a file (/api/reports/[month]/bulletin.docx, bulletin.pdf,
// annexes.xlsx): the issued edition's stored bytes when the month is issued (?edition=N, the
// newest by default), else — or with ?draft=1, which only viewers of every unit may ask for —
// the file built from today's data. The route has checked the viewer and the month.
import type { Bulletin } from "@/lib/bulletin/build/types";
import { downloadChoice, issuedBytes } from "@/lib/bulletin/issue/issued-download";
import type { IssueFileKind } from "@/lib/bulletin/issue/read-issues";
import { getBulletin } from "@/lib/bulletin/read-bulletin";
import { bulletinFileName, DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE } from "@/lib/bulletin/render/bulletin-files";
import { downloadResponse } from "@/lib/export/download";
import { missingDownloadResponse } from "@/lib/export/missing-download";
import { annexXlsx, XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import { localeOf } from "@/lib/http/same-origin";
import { fill, getMessages } from "@/lib/i18n/messages";
import { getMonthData } from "@/lib/month-versions/server";

type BulletinFormat = {
  contentType: string;
  names: (month: string) => { fileName: string; asciiName: string };
  /** Today's file, or null when the month has no data. */
  build: (month: string) => Promise<Uint8Array | null>;
};

/** The bulletin rendered to a file; the renderer's module is imported when its format is asked for (a .docx download never loads PDFKit). */
function renderedBulletin(
  extension: "docx" | "pdf",
  contentType: string,
  renderer: () => Promise<(bulletin: Bulletin) => Promise<Uint8Array>>,
): BulletinFormat {
  return {
    contentType,
    names: (month) => bulletinFileName(month, extension),
    build: async (month) => {
      const bulletin = await getBulletin(month);
      return bulletin ? (await renderer())(bulletin) : null;
    },
  };
}

const FORMATS: Record<IssueFileKind, BulletinFormat> = {
  docx: renderedBulletin(
    "docx",
    DOCX_CONTENT_TYPE,
    async () => (await import("@/lib/bulletin/render/render-docx")).renderBulletinDocx,
  ),
  pdf: renderedBulletin(
    "pdf",
    PDF_CONTENT_TYPE,
    async () => (await import("@/lib/bulletin/render/render-pdf")).renderBulletinPdf,
  ),
  // 附件1 and 附件2 as one workbook in the report's layout (the upload path reads it back).
  xlsx: {
    contentType: XLSX_CONTENT_TYPE,
    names: (month) => ({ fileName: annexFileName("both", month), asciiName: `annexes-${month}.xlsx` }),
    build: async (month) => {
      const data = await getMonthData(month);
      return data ? (await annexXlsx(month, data.rows)).bytes : null;
    },
  },
};

export async function serveBulletinFile(
  kind: IssueFileKind,
  request: Request,
  month: string,
  viewer: Viewer,
): Promise<Response> {
  const choice = downloadChoice(request);
  if (!choice) return Response.json({ error: "edition 无效 / invalid edition" }, { status: 400 });
  // The draft is not what was distributed: only viewers of every unit may have it.
  if (choice.draft && !can(viewer, "report.viewAllUnits"))
    return Response.json({ error: "无权访问 / forbidden" }, { status: 403 });
  const format = FORMATS[kind];
  const { fileName, asciiName } = format.names(month);
  // An issued month: the stored bytes of the edition, exactly as issued.
  const issued = await issuedBytes(month, kind, choice, { actorId: viewer.userId, fileName });
  if (issued === "notFound") return Response.json({ error: "没有该版次 / no such edition" }, { status: 404 });
  // Issued bytes that no longer match their SHA-256 are never sent (the refusal is audited).
  if (issued && "altered" in issued)
    return Response.json(
      { error: fill(getMessages(localeOf(request.headers)).security.fileAltered, { file: fileName }) },
      { status: 409, headers: { "Cache-Control": "private, no-store" } },
    );
  const bytes = issued ?? (await format.build(month));
  if (!bytes) return missingDownloadResponse(request, month);
  return downloadResponse(bytes, format.contentType, fileName, asciiName);
}
