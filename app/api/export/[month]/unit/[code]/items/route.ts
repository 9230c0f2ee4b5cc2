import { getUnitItems } from "@/lib/case-records/drill-down/case-drill-down";
import { unitItemsCsv } from "@/lib/case-records/drill-down/case-drill-down-csv";
import { csvResponse } from "@/lib/dashboard/exports/annex-csv";
import { unitCaseRecordsDownload } from "@/lib/dashboard/exports/unit-download";
import { getMessages } from "@/lib/i18n/messages";

/** A unit's service items with their figures (case records) as CSV: the unit's own users, officials and admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ month: string; code: string }> }) {
  const { month, code } = await params;
  const checked = await unitCaseRecordsDownload(month, code);
  if (!checked.ok) return checked.response;
  const { unit, ref } = checked;
  const { items } = await getUnitItems(ref.importId, ref.month, unit.id);
  return csvResponse(unitItemsCsv(items, getMessages().drillDown), `${unit.name}-事项-${month}.csv`);
}
