// GET /api/uploads/template.csv?month=YYYY-MM[&part=summary]: the flat template as CSV (UTF-8
// with BOM): 附件数据 by default, 通报数据 with part=summary.

import { templateCsv } from "@/lib/annex-upload/parse";
import { templateInput } from "@/lib/annex-upload/uploads";
import { downloadResponse } from "@/lib/export/download";
import { monthParam, paramNotFound } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

export const dynamic = "force-dynamic";

export const GET = withGuard("data.manage", async ({ request }) => {
  const params = new URL(request.url).searchParams;
  const month = params.get("month");
  if (month !== null && !monthParam(month)) return paramNotFound("month", month);
  const input = await templateInput(month);
  const files = templateCsv(input);
  const part = params.get("part") === "summary" ? "summary" : "annex";
  const file = files[part];
  return downloadResponse(file.bytes, "text/csv; charset=utf-8", file.fileName, `template-${input.month}-${part}.csv`);
});
