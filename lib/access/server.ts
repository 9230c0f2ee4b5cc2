// The access capability's entry for the Next.js server only: its cached reads and guards, which
// read the request or the cache. Scripts and the staging process import "@/lib/access" only.
import "server-only";

export { guardAction, guardRoute, type RouteScope } from "./guard";
