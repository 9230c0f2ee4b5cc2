// The case pipeline's settings and calendar, read from the database: the coverage period
// (Setting "cases.coveragePeriod") and the local working-day overrides (WorkCalendarOverride).
import type pg from "pg";
import { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { COVERAGE_PERIODS, type CoveragePeriod, DEFAULT_COVERAGE_PERIOD } from "./import/definitions";

export const COVERAGE_PERIOD_SETTING = "cases.coveragePeriod";

export async function readCoveragePeriod(client: pg.ClientBase): Promise<CoveragePeriod> {
  const { rows } = await client.query<{ value: unknown }>(`SELECT "value" FROM "Setting" WHERE "key" = $1`, [
    COVERAGE_PERIOD_SETTING,
  ]);
  const value = rows[0]?.value;
  return COVERAGE_PERIODS.includes(value as CoveragePeriod) ? (value as CoveragePeriod) : DEFAULT_COVERAGE_PERIOD;
}

/** Cases of a month may have been accepted years before: the calendar spans 10 years back. */
export const CALENDAR_YEARS_BACK = 10;

export async function loadCalendar(client: pg.ClientBase, month: string): Promise<WorkingDayCalendar> {
  const { rows } = await client.query<{ date: string; isWorkday: boolean }>(
    `SELECT to_char("date", 'YYYY-MM-DD') AS "date", "isWorkday" FROM "WorkCalendarOverride"`,
  );
  const year = Number(month.slice(0, 4));
  return new WorkingDayCalendar(year - CALENDAR_YEARS_BACK, year + 1, new Map(rows.map((r) => [r.date, r.isWorkday])));
}
