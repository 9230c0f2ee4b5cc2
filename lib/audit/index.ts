// The audit capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/audit/ is its own business.
export { recordAuditEvent } from "./record-audit-event";
export { recordStoredFileAltered, type StoredFileAltered } from "./stored-file-altered";
