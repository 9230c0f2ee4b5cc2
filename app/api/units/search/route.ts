import { canViewUnit } from "@/lib/access/permissions";
import { getUnitSearchEntries } from "@/lib/dashboard/unit-search/read-unit-search";
import { withGuard } from "@/lib/http/with-guard";

/**
 * The header search's list of units: only those the viewer may open (a department user gets
 * its own unit and nothing else), so the prerendered pages never carry other units' names.
 */
export const GET = withGuard("report.viewCity", async ({ viewer }) => {
  const entries = (await getUnitSearchEntries()).filter((entry) => canViewUnit(viewer, entry.code));
  return Response.json(entries, { headers: { "Cache-Control": "private, no-store" } });
});
