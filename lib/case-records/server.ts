// The case-records capability's entry for the Next.js server only: its cached reads and guards, which
// read the request or the cache. Scripts and the staging process import "@/lib/case-records" only.
import "server-only";

export {
  type CaseImportRef,
  getCurrentCaseImport,
  getOverdueCases,
  loadCurrentCaseImport,
  loadOverdueCases,
} from "./drill-down/case-drill-down";
export { loadItemPageCount, loadUnitItemSegments } from "./drill-down/item-pages";
