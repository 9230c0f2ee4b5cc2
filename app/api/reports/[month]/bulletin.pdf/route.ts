import { serveBulletinFile } from "@/lib/bulletin/bulletin-file";
import { MONTH_PARAM } from "@/lib/http/route-params";
import { withGuard } from "@/lib/http/with-guard";

/** The month's bulletin as PDF (A4, charts included): everyone who may read the bulletin (canReadBulletin). */
export const GET = withGuard(
  "report.export",
  { scope: { bulletin: true }, params: { month: MONTH_PARAM } },
  ({ request, viewer, params: { month } }) => serveBulletinFile("pdf", request, month, viewer),
);
