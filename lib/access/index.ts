// The access capability's entry: what other capabilities may use (docs/architecture.md).
// Everything else in lib/access/ is its own business.
export { createUser } from "./accounts/create-user";
export { type Action, can, canViewAllCards, canViewUnit, type Viewer } from "./permissions";
export { isSealed, openText, sealText } from "./secret-box";
export { enrolDemoSecondFactor } from "./two-factor/second-factor";
