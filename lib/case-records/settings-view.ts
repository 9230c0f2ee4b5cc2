import "server-only";
import { isOfficialWorkday } from "@/lib/calendar/working-days";
import { COVERAGE_PERIODS, type CoveragePeriod, DEFAULT_COVERAGE_PERIOD } from "@/lib/case-records/import/definitions";
import { COVERAGE_PERIOD_SETTING } from "@/lib/case-records/settings";
import { prisma } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// The case pipeline's settings as the admin form shows them: each local working-day correction
// beside the official calendar's value for its date, and the coverage period.

export type CalendarOverrideRow = {
  date: string;
  isWorkday: boolean;
  /** The official calendar (chinese-days) for the date, without the correction. */
  officialWorkday: boolean;
  note: string | null;
  updatedAt: Date;
  updatedBy: string | null;
};

export async function loadCalendarOverrides(db: PrismaClient): Promise<CalendarOverrideRow[]> {
  const rows = await db.workCalendarOverride.findMany({ orderBy: { date: "asc" } });
  const userIds = [...new Set(rows.map((r) => r.updatedById).filter((id): id is number => id !== null))];
  const users =
    userIds.length > 0
      ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })
      : [];
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return rows.map((r) => {
    const date = r.date.toISOString().slice(0, 10);
    return {
      date,
      isWorkday: r.isWorkday,
      officialWorkday: isOfficialWorkday(date),
      note: r.note,
      updatedAt: r.updatedAt,
      updatedBy: r.updatedById === null ? null : (names.get(r.updatedById) ?? null),
    };
  });
}

export async function loadCoveragePeriod(db: PrismaClient): Promise<{ period: CoveragePeriod; stored: boolean }> {
  const row = await db.setting.findUnique({ where: { key: COVERAGE_PERIOD_SETTING } });
  const value = row?.value;
  return COVERAGE_PERIODS.includes(value as CoveragePeriod)
    ? { period: value as CoveragePeriod, stored: true }
    : { period: DEFAULT_COVERAGE_PERIOD, stored: false };
}

/** The calendar settings page: the local corrections and the coverage period, on the app's database. */
export async function loadCalendarSettings(): Promise<{
  overrides: CalendarOverrideRow[];
  coverage: { period: CoveragePeriod; stored: boolean };
}> {
  const [overrides, coverage] = await Promise.all([loadCalendarOverrides(prisma), loadCoveragePeriod(prisma)]);
  return { overrides, coverage };
}
