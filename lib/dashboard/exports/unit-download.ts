// What every download of one unit's figures checks first, in this order: may the viewer export
// this unit (lib/access), is the month a month, is the unit a unit. The unit's history CSV and its
// case-record CSVs (items, an item's cases) all start here: withGuard("report.export", unitDownload, …).

import type { RouteScope } from "@/lib/access/server";
import { type CaseImportRef, getCurrentCaseImport } from "@/lib/case-records/server";
import { getUnit, type UnitInfo } from "@/lib/dashboard/unit-history";
import { MONTH_PARAM, type ParamSpec, unitCodeParam } from "@/lib/http/route-params";
import { getMessages } from "@/lib/i18n/messages";

const UNIT_PARAM: ParamSpec<UnitInfo> = {
  parse: async (code) => (unitCodeParam(code) ? await getUnit(code) : null),
  notFound: "unit",
};

export const unitDownload = {
  scope: ({ code }: { code: string }): RouteScope => ({ unitCode: code }),
  params: { month: MONTH_PARAM, code: UNIT_PARAM },
};

/** The case import behind the month's current version, or the 404 when there is none (nothing to list). */
export async function caseRecordsOf(month: string): Promise<CaseImportRef | Response> {
  const ref = await getCurrentCaseImport(month);
  // No case records this month (figures from the annex upload, or no such month).
  return ref ?? Response.json({ error: getMessages().drillDown.noCaseRecords }, { status: 404 });
}
