// A task's due date: N working days after the day it was opened, on the official calendar with
// the city's local corrections (WorkCalendarOverride, lib/calendar/working-days.ts). The day it
// was opened does not count, as for a case's limit ("from the day after").
import { isOfficialWorkday, type WorkdayOverrides } from "@/lib/calendar/working-days";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" + n working days (n ≥ 0; 0 is the day itself). */
export function addWorkingDays(dateKey: string, days: number, overrides: WorkdayOverrides = new Map()): string {
  let day = Date.parse(`${dateKey}T00:00:00Z`);
  let left = days;
  // A year of holidays at most between two working days: the loop is bounded by the calendar.
  while (left > 0) {
    day += DAY_MS;
    if (isOfficialWorkday(new Date(day).toISOString().slice(0, 10), overrides)) left--;
  }
  return new Date(day).toISOString().slice(0, 10);
}

/** Today in China as YYYY-MM-DD (a task opened at 23:30 in Beijing is opened that day). */
export function chinaDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** A moment as read in China, "YYYY-MM-DD HH:mm": when an answer came, when it was reviewed. */
export function chinaTime(at: Date): string {
  const clock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return `${chinaDate(at)} ${clock}`;
}

export async function loadWorkdayOverrides(db: PrismaClient | Prisma.TransactionClient): Promise<WorkdayOverrides> {
  const rows = await db.workCalendarOverride.findMany({ select: { date: true, isWorkday: true } });
  return new Map(rows.map((r) => [r.date.toISOString().slice(0, 10), r.isWorkday]));
}
