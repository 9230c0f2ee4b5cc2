import { downloadResponse } from "@/lib/export/download";
import { withGuard } from "@/lib/http/with-guard";

/** The bulk-accounts template: the header and two example rows (UTF-8 with BOM, so Excel reads the Chinese). */
export const GET = withGuard("users.manage", async () => {
  const csv =
    "\uFEFF用户名,姓名,单位,角色\r\nsfj,市司法局,市司法局,部门/地区用户\r\ndachuan,达川区,达川区,部门/地区用户\r\n";
  return downloadResponse(csv, "text/csv; charset=utf-8", "批量创建账号模板.csv", "bulk-accounts-template.csv");
});
