// GET /api/rectification/board.xlsx?<the board's filters>: the board as the page shows it, as XLSX.
import { downloadResponse } from "@/lib/export/download";
import { XLSX_CONTENT_TYPE } from "@/lib/export/xlsx";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";
import { boardXlsx, getTasks, readBoardQuery } from "@/lib/rectification/server";

export const dynamic = "force-dynamic";

export const GET = withGuard("rectification.review", async ({ request, viewer }) => {
  const query = readBoardQuery(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await getTasks(viewer, query);
  const bytes = await boardXlsx(rows, getMessages().rectification);
  const label = query.month ?? "open";
  return downloadResponse(bytes, XLSX_CONTENT_TYPE, `整改任务-${label}.xlsx`, `rectification-${label}.xlsx`);
});
