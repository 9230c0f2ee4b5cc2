// The two months a bulletin needs, read with the plain loader (no cache): the month and the
// one before it, or null for the previous month when it has no published version.
import "server-only";
import { previousMonth } from "@/lib/calendar/month";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadMonths, type MonthData } from "@/lib/month-versions/server";

export async function loadBulletinMonths(
  db: PrismaClient,
  month: string,
): Promise<{ current: MonthData; previous: MonthData | null } | null> {
  const before = previousMonth(month);
  const months = await loadMonths(db, [before, month]);
  const current = months.find((m) => m.month === month);
  if (!current) return null;
  return { current, previous: months.find((m) => m.month === before) ?? null };
}
