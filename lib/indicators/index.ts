// The indicators' public API: pure arithmetic on plain rows, no I/O. Import from here.

export * from "./types";
export * from "./rates";
export * from "./aggregate";
export * from "./change";
export * from "./ranking";
export * from "./reconcile";
export { referenceMonthFromJson, unitCodeFor, normalizeUnitName } from "./reference-fixture";
export type { ReferenceMonth, ReferenceMonthJson, ReferenceAnnexRow } from "./reference-fixture";
export * from "./month-scopes";
export * from "./figure-decision";
export * from "./completeness";
