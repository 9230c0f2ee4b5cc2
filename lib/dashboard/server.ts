// The dashboard capability's entry for the Next.js server only: its cached reads and guards, which
// read the request or the cache. Scripts and the staging process import "@/lib/dashboard" only.
import "server-only";

export { loadUnitCodes, loadUnits } from "./unit-history";
