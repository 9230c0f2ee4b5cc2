import { getUnitItems, itemCodeFromSegment, readAllItemCases } from "@/lib/case-records/drill-down/case-drill-down";
import { itemCasesCsv } from "@/lib/case-records/drill-down/case-drill-down-csv";
import { csvResponse } from "@/lib/dashboard/exports/annex-csv";
import { caseRecordsOf, unitDownload } from "@/lib/dashboard/exports/unit-download";
import { withGuard } from "@/lib/http/with-guard";
import { getMessages } from "@/lib/i18n/messages";

/** Every case of one of the unit's items, overdue first, as CSV: the unit's own users, officials and admins only. */
export const GET = withGuard("report.export", unitDownload, async ({ params: { month, code: unit }, raw }) => {
  const ref = await caseRecordsOf(month);
  if (ref instanceof Response) return ref;
  const itemCode = itemCodeFromSegment(raw.item ?? "");
  // Only the unit's own items: another unit's item code is not found here.
  const own =
    itemCode === null
      ? undefined
      : (await getUnitItems(ref.importId, ref.month, unit.id)).items.find((i) => i.itemCode === itemCode);
  const t = getMessages().drillDown;
  if (!own) return Response.json({ error: t.itemNotFound }, { status: 404 });
  const { cases } = await readAllItemCases(ref, unit.id, own.itemCode);
  return csvResponse(itemCasesCsv(cases, t), `${unit.name}-${own.itemCode}-${month}.csv`);
});
