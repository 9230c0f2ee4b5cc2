import "server-only";
// The end-to-end tests' clock for the cards: the e2e (e2e/supervision-feed.spec.ts) must see a
// case turn yellow on one day and red on the next, on a server that runs on the real date. When,
// and only when, the server runs with SUPERVISION_TEST_CLOCK=1 (scripts/test.ts sets it for the
// e2e server it starts; nothing else does, and production never should), a request may name its
// "today" in the header below; the cards it reads are then those of that day, for that request
// only (other specs on the same server keep the real date). It changes no access rule: whatever
// the day, a viewer reads only the cards lib/access gives it. proxy.ts reads the same header
// (cardDayOf, today.ts) to name the 预警 pages' cached versions by their day.
import { headers } from "next/headers";
import { TEST_CLOCK_HEADER, testClockOf } from "./today";

export { TEST_CLOCK_HEADER };

export async function testClockDay(): Promise<string | null> {
  if (process.env.SUPERVISION_TEST_CLOCK !== "1") return null;
  try {
    return testClockOf((await headers()).get(TEST_CLOCK_HEADER));
  } catch {
    // Outside a request (a script, a prerender): the real date.
    return null;
  }
}
