// GET /api/uploads/template.xlsx?month=YYYY-MM: the flat template with the current units.

import { templateXlsx } from "@/lib/annex-upload/parse";
import { templateInput } from "@/lib/annex-upload/uploads";
import { downloadResponse } from "@/lib/export/download";
import { monthParam, paramNotFound } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const GET = withGuard("data.manage", async ({ request }) => {
  const month = new URL(request.url).searchParams.get("month");
  if (month !== null && !monthParam(month)) return paramNotFound("month", month);
  const input = await templateInput(month);
  const file = await templateXlsx(input);
  return downloadResponse(
    file.bytes,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    file.fileName,
    `template-${input.month}.xlsx`,
  );
});
