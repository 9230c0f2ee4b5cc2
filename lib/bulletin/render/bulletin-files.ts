// File names and types of the bulletin's downloads (/api/reports/[month]/…).

import { formatMonthLabel } from "@/lib/calendar/month";
import { zhCN } from "@/lib/i18n/zh-CN";

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF_CONTENT_TYPE = "application/pdf";

/** "达州市政务服务事项运行情况（2021年6月）.docx", and a plain ASCII name for old clients. */
export function bulletinFileName(month: string, extension: "docx" | "pdf"): { fileName: string; asciiName: string } {
  return {
    fileName: `${zhCN.app.city}政务服务事项运行情况（${formatMonthLabel(month)}）.${extension}`,
    asciiName: `bulletin-${month}.${extension}`,
  };
}
