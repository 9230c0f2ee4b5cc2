// The drill-down's CSV downloads (UTF-8 with BOM, formulas neutralised: lib/export/csv.ts): a
// unit's service items with their figures, and an item's cases in the page's order (overdue first).

import type { ItemCaseRow, UnitItemRow } from "@/lib/case-records/drill-down/case-drill-down";
import { toCsv } from "@/lib/export/csv";
import type { Messages } from "@/lib/i18n/messages";

export function unitItemsCsv(items: readonly UnitItemRow[], t: Messages["drillDown"]): string {
  const c = t.columns;
  return toCsv(
    [
      c.itemCode,
      c.itemName,
      c.applied,
      c.accepted,
      c.completed,
      c.overdueCompleted,
      c.promisedCompleted,
      c.handlingSpeedupRate,
      c.earlyCompletionRate,
      c.evaluations,
      c.activeEvaluations,
      c.satisfactionRate,
      "",
    ],
    items.map((i) => [
      i.itemCode,
      i.itemName,
      i.applied,
      i.accepted,
      i.completed,
      i.overdueCompleted,
      i.promisedCompleted,
      i.handlingSpeedupRate.toFixed(2),
      i.earlyCompletionRate.toFixed(2),
      i.evaluations,
      i.activeEvaluations,
      i.satisfactionRate === null ? "" : i.satisfactionRate.toFixed(2),
      [!i.hasCases && t.noCases, !i.inCatalogue && t.notInCatalogue, !i.inUse && i.inCatalogue && t.notInUse]
        .filter(Boolean)
        .join("；"),
    ]),
  );
}

export function itemCasesCsv(cases: readonly ItemCaseRow[], t: Messages["drillDown"]): string {
  const c = t.columns;
  return toCsv(
    [
      c.caseNo,
      c.caseKind,
      c.channel,
      c.batch,
      c.appliedAt,
      c.acceptedAt,
      c.completedAt,
      c.limitDays,
      c.elapsedDays,
      c.daysOver,
    ],
    cases.map((r) => [
      r.caseNo,
      t.caseKinds[r.caseKind],
      t.channels[r.channel],
      r.isBatch ? t.yes : t.no,
      r.appliedAt,
      r.acceptedAt,
      r.completedAt,
      r.limitDays,
      r.elapsedDays,
      r.daysOver,
    ]),
  );
}
