// The rectification settings (Setting rows): how many working days a unit has to answer.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const DUE_WORKING_DAYS_SETTING = "rectification.dueWorkingDays";
/** 10 working days (two weeks) unless the admin sets another number. */
export const DEFAULT_DUE_WORKING_DAYS = 10;

export async function readDueWorkingDays(db: PrismaClient | Prisma.TransactionClient): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: DUE_WORKING_DAYS_SETTING } });
  const value = row?.value;
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 60
    ? value
    : DEFAULT_DUE_WORKING_DAYS;
}
