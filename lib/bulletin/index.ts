// The bulletin capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/bulletin/ is its own business.
export type { Bulletin } from "./build";
