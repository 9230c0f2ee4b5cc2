// The column layout of 附件1 / 附件2: which fields, in which order, under which
// group heading. Tables, exports and (later) the importer all use this one list.
import type { AnnexField } from "@/lib/indicators/types";

export type AnnexGroup =
  | "cases"
  | "promised"
  | "efficiency"
  | "online"
  | "onlinePromised"
  | "onlineEfficiency"
  | "evaluation"
  | "coverage";

export const ANNEX_GROUPS: Array<{ group: AnnexGroup; fields: AnnexField[] }> = [
  { group: "cases", fields: ["applied", "accepted", "completed", "overdueCompleted"] },
  { group: "promised", fields: ["promisedCompleted", "promisedOverdueCompleted"] },
  { group: "efficiency", fields: ["promiseSpeedupRate", "handlingSpeedupRate", "earlyCompletionRate"] },
  { group: "online", fields: ["onlineApplied", "onlineAccepted", "onlineCompleted"] },
  { group: "onlinePromised", fields: ["onlinePromisedCompleted", "onlinePromisedOverdueCompleted"] },
  { group: "onlineEfficiency", fields: ["onlineHandlingRate", "onlineHandlingSpeedupRate", "onlineEarlyCompletionRate"] },
  { group: "evaluation", fields: ["activeEvaluations"] },
  { group: "coverage", fields: ["coverageRate"] },
];

const RATE_SET = new Set<AnnexField>([
  "promiseSpeedupRate",
  "handlingSpeedupRate",
  "earlyCompletionRate",
  "onlineHandlingRate",
  "onlineHandlingSpeedupRate",
  "onlineEarlyCompletionRate",
  "coverageRate",
]);

export function isRateField(field: AnnexField): boolean {
  return RATE_SET.has(field);
}
