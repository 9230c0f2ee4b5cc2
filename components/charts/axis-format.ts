// The dashboard's charts take their axis ticks from lib/charts/axis-ticks.ts, as the bulletin's PDF does.
export { countTickFormatter, rateTick } from "@/lib/charts/axis-ticks";
