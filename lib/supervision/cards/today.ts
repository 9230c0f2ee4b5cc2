// "Today" for the cards: the date in China (Asia/Shanghai), where the cases are handled. The
// environment variable SUPERVISION_TODAY (YYYY-MM-DD) fixes it, for demonstrations on a past month's
// data and for the bench; it is not set in production. No imports: proxy.ts reads a request's day
// here (the 预警 pages' cached versions are named by it, lib/access/permissions.ts pageForViewer).
// Made once: constructing an Intl.DateTimeFormat with a time zone costs far more than formatting
// with it, and the gate asks for the day on every request for a 预警 page (a sixth of the board's
// CPU per request in a profile, issue 20).
const CHINA_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" });

export function supervisionToday(now: Date = new Date()): string {
  const fixed = process.env.SUPERVISION_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return CHINA_DAY.format(now);
}

/** The supervised month of a day: its own ("YYYY-MM"). */
export function supervisedMonth(asOf: string): string {
  return asOf.slice(0, 7);
}

/** The end-to-end tests' clock: the request header naming its day (test-clock.ts). */
export const TEST_CLOCK_HEADER = "x-supervision-test-today";

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The day a test-clock header names, when the server runs with SUPERVISION_TEST_CLOCK=1 and it is a day. */
export function testClockOf(value: string | null | undefined): string | null {
  if (process.env.SUPERVISION_TEST_CLOCK !== "1") return null;
  return value && ISO_DAY.test(value) ? value : null;
}

/** The cards' day of a request, given its headers: the test clock's, else today. */
export function cardDayOf(headers: { get(name: string): string | null }): string {
  return testClockOf(headers.get(TEST_CLOCK_HEADER)) ?? supervisionToday();
}
