// The case-records capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/case-records/ is its own business.
export { type MonthUnit, statInputs, unitScopeSums } from "./import/month-figures";
export { publishCaseImport } from "./import/publish-import";
export { type GeneratorUnit, generateMonthRecords } from "./import/reference-generator";
export { type RowQuery, readRollups } from "./import/rollups";
export { stageCaseImport } from "./import/stage-import";
