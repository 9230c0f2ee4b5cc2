// The month-versions capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/month-versions/ is its own business.
export {
  type CurrentVersion,
  createMonthVersion,
  lockMonth,
  type StatInput,
  type SummaryInput,
} from "./create-month-version";
export { loadVersionData, type VersionData } from "./version-data";
