// The three scopes of one month, as every view and the bulletin use them:
// 市本级 from the department rows and the stated municipal figures, 县 from the
// district rows and the stated county figures, 全市 from those two.
import { aggregateScope, cityFromScopes, type ScopeSummary } from "./aggregate";
import type { ReportedSummary, StatRow, SummaryScope } from "./types";

export type MonthScopes = { city: ScopeSummary; municipal: ScopeSummary; districts: ScopeSummary };

export function monthScopes(
  rows: readonly StatRow[],
  summaries: Partial<Record<SummaryScope, ReportedSummary>>,
): MonthScopes {
  const municipal = aggregateScope(
    rows.filter((r) => r.kind === "DEPARTMENT"),
    summaries.MUNICIPAL ?? null,
    "MUNICIPAL",
  );
  const districts = aggregateScope(
    rows.filter((r) => r.kind === "DISTRICT"),
    summaries.DISTRICTS ?? null,
    "DISTRICTS",
  );
  return { municipal, districts, city: cityFromScopes(municipal, districts, summaries.CITY ?? null) };
}
