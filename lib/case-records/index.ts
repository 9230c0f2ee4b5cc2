// The case-records capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/case-records/ is its own business.
export type { CaseRecord, EvaluationRecord } from "./import/definitions";
export { type MonthUnit, statInputs, unitScopeSums } from "./import/month-figures";
export { type CatalogueRecord, type InputFile, parseCaseFiles } from "./import/parse";
export { publishCaseImport } from "./import/publish-import";
export { type GeneratorUnit, generateMonthRecords } from "./import/reference-generator";
export { type RowQuery, readRollups } from "./import/rollups";
export { type RecordSelects, stageCaseImportFromTables } from "./import/stage-from-tables";
export { readImportSettings, stageCaseImport } from "./import/stage-import";
export { type CaseProblemCode, type CaseProblemSummary, caseProblemTitle } from "./import/validation-problems";
