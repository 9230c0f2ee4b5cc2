// The case pipeline's settings forms, parsed: a working-day correction (date, day kind, note),
// its removal (date), the coverage period. Field errors in Chinese, keyed by the form's field.
import { z } from "zod";
import { COVERAGE_PERIODS, type CoveragePeriod } from "@/lib/case-records/import/definitions";
import type { Messages } from "@/lib/i18n/messages";

export type Parsed<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string[]> };

/** A real calendar date "YYYY-MM-DD" (2021-02-30 is refused). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};

export type OverrideForm = { date: string; isWorkday: boolean; note: string | undefined };

export function parseOverrideForm(formData: FormData, t: Messages["caseSettings"]): Parsed<OverrideForm> {
  const schema = z.object({
    date: z.string().refine(isCalendarDate, t.dateInvalid),
    isWorkday: z.enum(["true", "false"], { error: t.dayKindInvalid }),
    note: z.string().max(200, t.noteTooLong),
  });
  const parsed = schema.safeParse({
    date: text(formData, "date"),
    isWorkday: text(formData, "isWorkday"),
    note: text(formData, "note"),
  });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  return {
    ok: true,
    value: { date: parsed.data.date, isWorkday: parsed.data.isWorkday === "true", note: parsed.data.note || undefined },
  };
}

export function parseRemoveForm(formData: FormData, t: Messages["caseSettings"]): Parsed<{ date: string }> {
  const parsed = z
    .object({ date: z.string().refine(isCalendarDate, t.dateInvalid) })
    .safeParse({ date: text(formData, "date") });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

export function parseCoverageForm(formData: FormData, t: Messages["caseSettings"]): Parsed<{ period: CoveragePeriod }> {
  const parsed = z
    .object({ period: z.enum(COVERAGE_PERIODS as [CoveragePeriod, ...CoveragePeriod[]], { error: t.periodInvalid }) })
    .safeParse({ period: text(formData, "period") });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}
