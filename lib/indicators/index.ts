// The indicators' public API: pure arithmetic on plain rows, no I/O. Import from here.

export * from "./aggregate";
export * from "./annex-columns";
export * from "./change";
export * from "./completeness";
export * from "./figure-decision";
export * from "./headline-figures";
export * from "./month-scopes";
export * from "./ranking";
export * from "./rates";
export * from "./reconcile";
export type { ReferenceAnnexRow, ReferenceMonth, ReferenceMonthJson } from "./reference-fixture";
export { normalizeUnitName, referenceMonthFromJson, unitCodeFor } from "./reference-fixture";
export * from "./types";
