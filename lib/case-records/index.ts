// The case-records capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/case-records/ is its own business.
export {
  type CaseImportRef,
  getCurrentCaseImport,
  getOverdueCases,
  loadCurrentCaseImport,
  loadOverdueCases,
} from "./drill-down/case-drill-down";
