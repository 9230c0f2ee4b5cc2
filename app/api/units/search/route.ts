import { guardRoute } from "@/lib/access/guard";
import { canViewUnit } from "@/lib/access/permissions";
import { getUnitSearchEntries } from "@/lib/dashboard/unit-search/read-unit-search";

/**
 * The header search's list of units: only those the viewer may open (a department user gets
 * its own unit and nothing else), so the prerendered pages never carry other units' names.
 */
export async function GET() {
  const guard = await guardRoute("report.viewCity");
  if (!guard.ok) return guard.response;
  const entries = (await getUnitSearchEntries()).filter((entry) => canViewUnit(guard.viewer, entry.code));
  return Response.json(entries, { headers: { "Cache-Control": "private, no-store" } });
}
