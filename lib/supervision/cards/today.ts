// "Today" for the cards: the date in China (Asia/Shanghai), where the cases are handled. The
// environment variable SUPERVISION_TODAY (YYYY-MM-DD) fixes it, for demonstrations on a past month's
// data and for the bench; it is not set in production.
export function supervisionToday(now: Date = new Date()): string {
  const fixed = process.env.SUPERVISION_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);
}

/** The supervised month of a day: its own ("YYYY-MM"). */
export function supervisedMonth(asOf: string): string {
  return asOf.slice(0, 7);
}
