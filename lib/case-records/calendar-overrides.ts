// The admin's local corrections to the official calendar (WorkCalendarOverride) and the coverage
// period setting: validated, written in one transaction with their audit event. The pages and
// server actions that call these are still to come; the import reads both (settings.ts).
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit";
import { isOfficialWorkday } from "@/lib/calendar/working-days";
import { COVERAGE_PERIODS } from "@/lib/case-records/import/definitions";
import { COVERAGE_PERIOD_SETTING } from "@/lib/case-records/settings";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { saveSetting } from "@/lib/settings/save-setting";

export const calendarOverrideSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期应为 YYYY-MM-DD"),
  /** true: a working day; false: a day off; null: remove the override (back to the official calendar). */
  isWorkday: z.boolean().nullable(),
  note: z.string().max(200).optional(),
});
export type CalendarOverrideInput = z.infer<typeof calendarOverrideSchema>;

export async function setCalendarOverride(
  prisma: PrismaClient,
  input: CalendarOverrideInput,
  actorId: number | null,
): Promise<void> {
  const parsed = calendarOverrideSchema.parse(input);
  const date = new Date(`${parsed.date}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== parsed.date) throw new z.ZodError([]);
  await prisma.$transaction(async (tx) => {
    if (parsed.isWorkday === null) await tx.workCalendarOverride.deleteMany({ where: { date } });
    else {
      await tx.workCalendarOverride.upsert({
        where: { date },
        create: { date, isWorkday: parsed.isWorkday, note: parsed.note ?? null, updatedById: actorId },
        update: { isWorkday: parsed.isWorkday, note: parsed.note ?? null, updatedById: actorId },
      });
    }
    await recordAuditEvent(tx, {
      actorId,
      action: "settings.update",
      targetType: "WorkCalendarOverride",
      targetId: parsed.date,
      details: { isWorkday: parsed.isWorkday, official: isOfficialWorkday(parsed.date), note: parsed.note ?? null },
    });
  });
}

export async function setCoveragePeriod(prisma: PrismaClient, period: string, actorId: number | null): Promise<void> {
  const value = z.enum(COVERAGE_PERIODS as [string, ...string[]]).parse(period);
  await prisma.$transaction(async (tx) => {
    await saveSetting(tx, COVERAGE_PERIOD_SETTING, value, actorId, { value });
  });
}
