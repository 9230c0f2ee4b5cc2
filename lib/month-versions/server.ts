// The month-versions capability's entry for the Next.js server only: its cached reads and guards, which
// read the request or the cache. Scripts and the staging process import "@/lib/month-versions" only.
import "server-only";

export { getMonthData, getMonthsData, loadMonths, type MonthData } from "./month-data";
export { getPublishedMonths, loadPublishedMonths } from "./published-months";
