// Open cases for the supervision specs, written straight into DailyCase (the daily feed that
// normally writes it is another part of lib/supervision): for 市公安局 (d08) a yellow and a red card
// as of a day (today by default), for 宣汉县 (x04) a red one, dated back from that day on the
// official calendar so that the cards hold whatever day the specs run.
import { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { supervisedMonth, supervisionToday } from "@/lib/supervision";
import { withDatabase } from "./database";

export const CASE_PREFIX = "E2E-CARD-";
export const GAJ_RED = `${CASE_PREFIX}GAJ-RED`;
export const GAJ_YELLOW = `${CASE_PREFIX}GAJ-YELLOW`;
export const XUANHAN_RED = `${CASE_PREFIX}XH-RED`;
/** The header naming a request's day for the cards when the e2e server runs with the test clock. */
export const TEST_CLOCK_HEADER = "x-supervision-test-today";

/** The working day `n` working days before `day` (n ≥ 1). */
function workdaysBefore(day: string, n: number): string {
  const year = Number(day.slice(0, 4));
  const calendar = new WorkingDayCalendar(year - 1, year);
  let d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() - 86_400_000);
    if (calendar.isWorkday(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}

/** The cases of a set (warnings.spec's own, or another spec's under its own prefix). */
export function cardCases(prefix: string = CASE_PREFIX) {
  return { gajRed: `${prefix}GAJ-RED`, gajYellow: `${prefix}GAJ-YELLOW`, xuanhanRed: `${prefix}XH-RED` };
}

/**
 * Writes the set's open cases so that they hold cards on `today` (default: the real today; a spec
 * that reads them with the cards' test clock, lib/supervision/cards/test-clock.ts, names its own
 * day, in a month no other spec supervises).
 */
export async function insertCardCases(today: string = supervisionToday(), prefix: string = CASE_PREFIX): Promise<void> {
  const month = `${supervisedMonth(today)}-01`;
  const names = cardCases(prefix);
  // Red: promise 1, accepted 3 working days ago (used 3, 2 days over).
  // Yellow: promise 5, accepted 4 working days ago (used 4, 1 left).
  const rows = [
    [names.gajRed, "d08", 1, workdaysBefore(today, 3)],
    [names.gajYellow, "d08", 5, workdaysBefore(today, 4)],
    [names.xuanhanRed, "x04", 2, workdaysBefore(today, 5)],
  ] as const;
  await withDatabase(async (db) => {
    for (const [caseNo, unit, promised, accepted] of rows) {
      await db.query(
        `INSERT INTO "DailyCase" ("caseNo", "month", "unitId", "itemCode", "caseKind", "promisedDays", "legalDays",
           "channel", "isBatch", "appliedAt", "acceptedAt", "batchId")
         SELECT $1, $2::date, u."id", 'E2E-ITEM', 'PROMISED', $3, 20, 'ONLINE', false, $4::timestamp, $4::timestamp, 0
         FROM "Unit" u WHERE u."code" = $5
         ON CONFLICT ("caseNo") DO UPDATE SET "month" = EXCLUDED."month", "acceptedAt" = EXCLUDED."acceptedAt",
           "appliedAt" = EXCLUDED."appliedAt", "promisedDays" = EXCLUDED."promisedDays", "completedAt" = NULL`,
        [caseNo, month, promised, `${accepted} 09:00:00`, unit],
      );
    }
  });
}

export async function removeCardCases(prefix: string = CASE_PREFIX): Promise<void> {
  await withDatabase((db) => db.query(`DELETE FROM "DailyCase" WHERE "caseNo" LIKE $1`, [`${prefix}%`]));
}
