import { serveBulletinFile } from "@/lib/bulletin/bulletin-file";
import { MONTH_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

/**
 * 附件1 and 附件2 of the month's bulletin as one workbook in the report's layout (the upload
 * path reads it back to the same figures): everyone who may read the bulletin (canReadBulletin).
 */
export const GET = withGuard(
  "report.export",
  { scope: { bulletin: true }, params: { month: MONTH_PARAM } },
  ({ request, viewer, params: { month } }) => serveBulletinFile("xlsx", request, month, viewer),
);
