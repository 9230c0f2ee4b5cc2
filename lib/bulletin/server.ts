// The bulletin capability's entry for the Next.js server only: its cached reads and guards, which
// read the request or the cache. Scripts and the staging process import "@/lib/bulletin" only.
import "server-only";

export { getBulletin } from "./read-bulletin";
