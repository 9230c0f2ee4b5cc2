// What every download of one unit's figures checks first, in this order: may the viewer export
// this unit (lib/access), is the month a month, is the unit a unit. The unit's history CSV and its
// case-record CSVs (items, an item's cases) all start here.
import { guardRoute } from "@/lib/access/guard";
import { type CaseImportRef, getCurrentCaseImport } from "@/lib/case-records/drill-down/case-drill-down";
import { getUnit, type UnitInfo } from "@/lib/dashboard/unit-history";
import { monthParam, paramNotFound, unitCodeParam } from "@/lib/http/route-params";
import { getMessages } from "@/lib/i18n/messages";

type Refused = { ok: false; response: Response };

export async function unitDownload(month: string, code: string): Promise<{ ok: true; unit: UnitInfo } | Refused> {
  const guard = await guardRoute("report.export", { unitCode: code });
  if (!guard.ok) return { ok: false, response: guard.response };
  if (!monthParam(month)) return { ok: false, response: paramNotFound("month", month) };
  const unit = unitCodeParam(code) ? await getUnit(code) : null;
  if (!unit) return { ok: false, response: paramNotFound("unit", code) };
  return { ok: true, unit };
}

/** unitDownload, and the case import behind the month's current version (none: nothing to list). */
export async function unitCaseRecordsDownload(
  month: string,
  code: string,
): Promise<{ ok: true; unit: UnitInfo; ref: CaseImportRef } | Refused> {
  const checked = await unitDownload(month, code);
  if (!checked.ok) return checked;
  const ref = await getCurrentCaseImport(month);
  // No case records this month (figures from the annex upload, or no such month).
  if (!ref)
    return { ok: false, response: Response.json({ error: getMessages().drillDown.noCaseRecords }, { status: 404 }) };
  return { ok: true, unit: checked.unit, ref };
}
