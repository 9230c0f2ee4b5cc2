// The dashboard capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/dashboard/ is its own business.
export { loadUnits } from "./unit-history";
