// The working-day calendar as a table (CalendarDay), for the card SQL: the official calendar
// (chinese-days) with the admin's local corrections (WorkCalendarOverride) applied exactly as
// lib/calendar/working-days.ts applies them, one row per date of a span of years, each with the
// running count of working days (ordinal). Working days in (a, b] = ordinal(b) − ordinal(a).
//
// Kept in sync: every read of the cards first calls ensureCalendarTable, which compares the
// overrides' fingerprint (an md5 over the override rows, computed in SQL) and the span with what
// the table was built from (CalendarBuild) and rebuilds it, under an advisory lock, when they
// differ. So a correction an admin saves is in the very next card read; the check itself is one
// small query, and is remembered per process for a few seconds.
import { isOfficialWorkday } from "@/lib/calendar/working-days";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** The calendar covers these years: far enough back for any open case, a year ahead for promises. */
export const CALENDAR_FIRST_YEAR = 2015;
export function calendarLastYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 2;
}
/** Changes when the official calendar's source changes (the chinese-days version in package.json). */
const CALENDAR_SOURCE = "chinese-days@1.5.7";
const LOCK_KEY = 2_020_120; // pg_advisory_xact_lock key for the rebuild (issue 20)
const CHECK_TTL_MS = 5_000;

type Db = Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe" | "$transaction">;

const checked = globalThis as unknown as { calendarCheckedAt?: number; calendarFingerprint?: string };

const DAY_MS = 86_400_000;
function dateKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The rows of the table for a span of years and a set of overrides (pure; tested). */
export function calendarRows(
  fromYear: number,
  toYear: number,
  overrides: ReadonlyMap<string, boolean>,
): { dates: string[]; workdays: boolean[]; ordinals: number[] } {
  const dates: string[] = [];
  const workdays: boolean[] = [];
  const ordinals: number[] = [];
  let running = 0;
  for (let ms = Date.UTC(fromYear, 0, 1); ms <= Date.UTC(toYear, 11, 31); ms += DAY_MS) {
    const key = dateKey(ms);
    const work = isOfficialWorkday(key, overrides);
    if (work) running++;
    dates.push(key);
    workdays.push(work);
    ordinals.push(running);
  }
  return { dates, workdays, ordinals };
}

async function currentFingerprint(db: Db, toYear: number): Promise<{ wanted: string; built: string | null }> {
  const rows = await db.$queryRawUnsafe<Array<{ overrides: string | null; built: string | null }>>(
    `SELECT (SELECT md5(coalesce(string_agg(to_char("date", 'YYYY-MM-DD') || ':' || "isWorkday", ',' ORDER BY "date"), '')) FROM "WorkCalendarOverride") AS "overrides",
            (SELECT "fingerprint" FROM "CalendarBuild" WHERE "id" = 1) AS "built"`,
  );
  const overrides = rows[0]?.overrides ?? "";
  return { wanted: `${CALENDAR_SOURCE}|${CALENDAR_FIRST_YEAR}-${toYear}|${overrides}`, built: rows[0]?.built ?? null };
}

/**
 * Makes CalendarDay match the overrides as they are now; returns whether it rebuilt. `force`
 * skips the per-process memo (tests, and the settings action after saving an override).
 */
export async function ensureCalendarTable(db: Db, options: { force?: boolean; now?: Date } = {}): Promise<boolean> {
  const now = Date.now();
  if (!options.force && checked.calendarCheckedAt !== undefined && now - checked.calendarCheckedAt < CHECK_TTL_MS) {
    return false;
  }
  const toYear = calendarLastYear(options.now);
  const { wanted, built } = await currentFingerprint(db, toYear);
  if (wanted === built) {
    checked.calendarCheckedAt = now;
    return false;
  }
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    // Another process may have rebuilt it while this one waited for the lock.
    const again = await currentFingerprint(tx as unknown as Db, toYear);
    if (again.wanted === again.built) return;
    const overrides = await tx.$queryRawUnsafe<Array<{ date: string; isWorkday: boolean }>>(
      `SELECT to_char("date", 'YYYY-MM-DD') AS "date", "isWorkday" FROM "WorkCalendarOverride"`,
    );
    const rows = calendarRows(CALENDAR_FIRST_YEAR, toYear, new Map(overrides.map((o) => [o.date, o.isWorkday])));
    await tx.$executeRawUnsafe(`DELETE FROM "CalendarDay"`);
    await tx.$executeRawUnsafe(
      `INSERT INTO "CalendarDay" ("date", "isWorkday", "ordinal")
       SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])`,
      rows.dates,
      rows.workdays,
      rows.ordinals,
    );
    await tx.$executeRawUnsafe(
      `INSERT INTO "CalendarBuild" ("id", "fingerprint", "fromDate", "toDate", "builtAt")
       VALUES (1, $1, $2::date, $3::date, now())
       ON CONFLICT ("id") DO UPDATE SET "fingerprint" = EXCLUDED."fingerprint", "fromDate" = EXCLUDED."fromDate",
         "toDate" = EXCLUDED."toDate", "builtAt" = EXCLUDED."builtAt"`,
      again.wanted,
      `${CALENDAR_FIRST_YEAR}-01-01`,
      `${toYear}-12-31`,
    );
  });
  checked.calendarCheckedAt = now;
  return true;
}

/** Forget the per-process memo (after an override is saved in this process). */
export function forgetCalendarCheck(): void {
  checked.calendarCheckedAt = undefined;
}
