"use server";

// The admin's forms for the case pipeline's settings: working-day corrections (调休) and the
// coverage period. Admin only (data.manage, checked again here); each write and its audit event
// are one transaction (lib/calendar/calendar-overrides.ts). Published versions are not recomputed:
// the next import reads the new settings.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/access/guard";
import { type FormState, submittedValues } from "@/lib/action-client/form-state";
import { setCalendarOverride, setCoveragePeriod } from "@/lib/calendar/calendar-overrides";
import { isOfficialWorkday } from "@/lib/calendar/working-days";
import { COVERAGE_PERIOD_SETTING } from "@/lib/case-records/settings";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { fill, getMessages } from "@/lib/i18n/messages";
import { parseCoverageForm, parseOverrideForm, parseRemoveForm } from "./case-settings-form";

const SETTINGS_PATH = "/admin/settings/calendar";

export async function saveCalendarOverrideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const t = getMessages(await actionLocale()).caseSettings;
  const parsed = parseOverrideForm(formData, t);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values: submittedValues(formData) };
  const { date, isWorkday, note } = parsed.value;
  await setCalendarOverride(prisma, { date, isWorkday, note }, guard.viewer.userId);
  revalidatePath(SETTINGS_PATH);
  const day = (workday: boolean) => (workday ? t.workday : t.dayOff);
  return { ok: true, message: fill(t.added, { date, value: day(isWorkday), official: day(isOfficialWorkday(date)) }) };
}

export async function removeCalendarOverrideAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const t = getMessages(await actionLocale()).caseSettings;
  const parsed = parseRemoveForm(formData, t);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors };
  const { date } = parsed.value;
  const existing = await prisma.workCalendarOverride.findUnique({ where: { date: new Date(`${date}T00:00:00Z`) } });
  if (!existing) return { message: fill(t.notFound, { date }) };
  await setCalendarOverride(prisma, { date, isWorkday: null }, guard.viewer.userId);
  revalidatePath(SETTINGS_PATH);
  return { ok: true, message: fill(t.removed, { date, official: isOfficialWorkday(date) ? t.workday : t.dayOff }) };
}

export async function saveCoveragePeriodAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const t = getMessages(await actionLocale()).caseSettings;
  const parsed = parseCoverageForm(formData, t);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values: submittedValues(formData) };
  const { period } = parsed.value;
  const stored = await prisma.setting.findUnique({ where: { key: COVERAGE_PERIOD_SETTING } });
  if (stored?.value === period) return { ok: true, message: t.coverageUnchanged };
  await setCoveragePeriod(prisma, period, guard.viewer.userId);
  revalidatePath(SETTINGS_PATH);
  return { ok: true, message: fill(t.coverageSaved, { period: t.periods[period] }) };
}
