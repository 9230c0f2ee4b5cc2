import { getUnitItems } from "@/lib/case-records/drill-down/case-drill-down";
import { unitItemsCsv } from "@/lib/case-records/drill-down/case-drill-down-csv";
import { csvResponse } from "@/lib/dashboard/exports/annex-csv";
import { caseRecordsOf, unitDownload } from "@/lib/dashboard/exports/unit-download";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";

/** A unit's service items with their figures (case records) as CSV: the unit's own users, officials and admins only. */
export const GET = withGuard("report.export", unitDownload, async ({ params: { month, code: unit } }) => {
  const ref = await caseRecordsOf(month);
  if (ref instanceof Response) return ref;
  const { items } = await getUnitItems(ref.importId, ref.month, unit.id);
  return csvResponse(unitItemsCsv(items, getMessages().drillDown), `${unit.name}-事项-${month}.csv`);
});
