"use server";

// The admin's forms for the case pipeline's settings: working-day corrections (调休) and the
// coverage period. Admin only (data.manage, checked again here); each write and its audit event
// are one transaction (lib/case-records/calendar-overrides.ts). Published versions are not recomputed:
// the next import reads the new settings.
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/action-client/form-action";
import { isOfficialWorkday } from "@/lib/calendar/working-days";
import { setCalendarOverride, setCoveragePeriod } from "@/lib/case-records/calendar-overrides";
import { COVERAGE_PERIOD_SETTING } from "@/lib/case-records/settings";
import { prisma } from "@/lib/db";
import { fill } from "@/lib/i18n/messages";
import { coverageForm, overrideForm, removeForm } from "./case-settings-form";

const SETTINGS_PATH = "/admin/settings/calendar";

export const saveCalendarOverrideAction = formAction(
  "data.manage",
  overrideForm,
  async ({ date, isWorkday, note }, viewer, { messages: { caseSettings: t } }) => {
    await setCalendarOverride(prisma, { date, isWorkday, note }, viewer.userId);
    revalidatePath(SETTINGS_PATH);
    const day = (workday: boolean) => (workday ? t.workday : t.dayOff);
    return {
      ok: true,
      message: fill(t.added, { date, value: day(isWorkday), official: day(isOfficialWorkday(date)) }),
    };
  },
);

export const removeCalendarOverrideAction = formAction(
  "data.manage",
  removeForm,
  async ({ date }, viewer, { messages: { caseSettings: t } }) => {
    const existing = await prisma.workCalendarOverride.findUnique({ where: { date: new Date(`${date}T00:00:00Z`) } });
    if (!existing) return { message: fill(t.notFound, { date }) };
    await setCalendarOverride(prisma, { date, isWorkday: null }, viewer.userId);
    revalidatePath(SETTINGS_PATH);
    return { ok: true, message: fill(t.removed, { date, official: isOfficialWorkday(date) ? t.workday : t.dayOff }) };
  },
);

export const saveCoveragePeriodAction = formAction(
  "data.manage",
  coverageForm,
  async ({ period }, viewer, { messages: { caseSettings: t } }) => {
    const stored = await prisma.setting.findUnique({ where: { key: COVERAGE_PERIOD_SETTING } });
    if (stored?.value === period) return { ok: true, message: t.coverageUnchanged };
    await setCoveragePeriod(prisma, period, viewer.userId);
    revalidatePath(SETTINGS_PATH);
    return { ok: true, message: fill(t.coverageSaved, { period: t.periods[period] }) };
  },
);
