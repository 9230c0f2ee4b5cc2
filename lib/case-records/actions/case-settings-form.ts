// The case pipeline's settings forms, as the action client reads them (lib/action-client): a
// working-day correction (date, day kind, note), its removal (date), the coverage period. Each
// field trimmed, a missing one "" (the schema says what is wrong); errors in the page's language.
import { z } from "zod";
import { COVERAGE_PERIODS, type CoveragePeriod } from "@/lib/case-records/import/definitions";
import type { Messages } from "@/lib/i18n/messages";

/** A real calendar date "YYYY-MM-DD" (2021-02-30 is refused). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const trimmed =
  (...names: string[]) =>
  (formData: FormData): Record<string, string> =>
    Object.fromEntries(
      names.map((name) => {
        const value = formData.get(name);
        return [name, typeof value === "string" ? value.trim() : ""];
      }),
    );

const calendarDate = (t: Messages["caseSettings"]) => z.string().refine(isCalendarDate, t.dateInvalid);

export const overrideForm = {
  input: trimmed("date", "isWorkday", "note"),
  schema: ({ caseSettings: t }: Messages) =>
    z
      .object({
        date: calendarDate(t),
        isWorkday: z.enum(["true", "false"], { error: t.dayKindInvalid }),
        note: z.string().max(200, t.noteTooLong),
      })
      .transform(({ date, isWorkday, note }) => ({ date, isWorkday: isWorkday === "true", note: note || undefined })),
};

export const removeForm = {
  input: trimmed("date"),
  schema: ({ caseSettings: t }: Messages) => z.object({ date: calendarDate(t) }),
};

export const coverageForm = {
  input: trimmed("period"),
  schema: ({ caseSettings: t }: Messages) =>
    z.object({
      period: z.enum(COVERAGE_PERIODS as [CoveragePeriod, ...CoveragePeriod[]], { error: t.periodInvalid }),
    }),
};
