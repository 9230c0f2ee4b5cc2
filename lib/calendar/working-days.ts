// 实际办理时间 (elapsedDays): working days from 受理 to 办结 on the official calendar.
//
// The calendar is the State Council's: public holidays and the adjusted working days (调休,
// weekends that are working days), from the `chinese-days` package (maintained yearly, covers
// 2004 through 2026), with local overrides an admin keeps in the WorkCalendarOverride table
// (a holiday the city adds, a correction, a year the package does not know yet). An override
// wins over the package; a date neither knows is a working day from Monday to Friday.
//
// The definition (the README repeats it):
//   elapsedDays = number of working days d with  date(受理时间) < d ≤ date(办结时间)
// - The day of acceptance never counts (the legal limits run "from the day after 受理").
// - Time of day is ignored: a partial day is a whole day. Accepted 17:55 and completed 08:05
//   the next working day is 1; accepted and completed the same day is 0.
// - Acceptance outside working hours or on a non-working day is treated like any other
//   acceptance that day: the count starts with the first working day after it.
// - Completion on a non-working day counts the working days up to it (it adds no day itself).
// - 办结 before 受理 is refused by validation; for such a pair this returns a negative count.
import chineseDays from "chinese-days";

/** "YYYY-MM-DD" → is it a working day. */
export type WorkdayOverrides = ReadonlyMap<string, boolean>;

const DAY_MS = 86_400_000;
/** Day numbers are counted from 1970-01-01 (day 0), on the calendar date alone (no time zone). */
function dayNumber(dateKey: string): number {
  const y = Number(dateKey.slice(0, 4));
  const m = Number(dateKey.slice(5, 7));
  const d = Number(dateKey.slice(8, 10));
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function dateKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Is this date a working day on the official calendar, the overrides applied. */
export function isOfficialWorkday(dateKey: string, overrides: WorkdayOverrides = new Map()): boolean {
  const override = overrides.get(dateKey);
  if (override !== undefined) return override;
  return chineseDays.isWorkday(dateKey);
}

/**
 * A calendar for a span of years, precomputed as a running count of working days so that each
 * case's elapsed days is two array reads (a month's million cases cost nothing).
 */
export class WorkingDayCalendar {
  private readonly firstDay: number;
  /** cumulative[i] = working days in [firstDay, firstDay + i]. */
  private readonly cumulative: Int32Array;

  constructor(
    readonly fromYear: number,
    readonly toYear: number,
    readonly overrides: WorkdayOverrides = new Map(),
  ) {
    this.firstDay = dayNumber(`${fromYear}-01-01`);
    const lastDay = dayNumber(`${toYear}-12-31`);
    this.cumulative = new Int32Array(lastDay - this.firstDay + 1);
    let running = 0;
    for (let i = 0; i < this.cumulative.length; i++) {
      if (isOfficialWorkday(dateKeyOf(this.firstDay + i), overrides)) running++;
      this.cumulative[i] = running;
    }
  }

  /** Does the calendar hold this date. */
  covers(dateKey: string): boolean {
    return this.lookup(dateKey) >= 0;
  }

  isWorkday(dateKey: string): boolean {
    const i = this.index(dateKey);
    return this.cumulative[i]! - (i > 0 ? this.cumulative[i - 1]! : 0) === 1;
  }

  /**
   * Working days d with date(acceptedAt) < d ≤ date(completedAt). Both arguments are
   * `YYYY-MM-DD…` strings (the time part, if any, is ignored: see the definition above).
   */
  elapsedWorkingDays(acceptedAt: string, completedAt: string): number {
    return this.cumulative[this.index(completedAt)]! - this.cumulative[this.index(acceptedAt)]!;
  }

  /** Dates repeat across a month's cases: each is converted once. */
  private readonly indexCache = new Map<string, number>();

  private index(dateTime: string): number {
    const i = this.lookup(dateTime);
    if (i < 0)
      throw new RangeError(`date ${dateTime.slice(0, 10)} outside the calendar ${this.fromYear}–${this.toYear}`);
    return i;
  }

  /** The date's index in `cumulative`, or -1 outside the calendar. */
  private lookup(dateTime: string): number {
    const key = dateTime.length === 10 ? dateTime : dateTime.slice(0, 10);
    const cached = this.indexCache.get(key);
    if (cached !== undefined) return cached;
    let i = dayNumber(key) - this.firstDay;
    if (!(i >= 0 && i < this.cumulative.length)) i = -1;
    // A copy of the key: a slice would keep the whole decoded chunk it came from alive.
    if (this.indexCache.size < 100_000) this.indexCache.set(Buffer.from(key).toString(), i);
    return i;
  }
}
