"use client";

// The case pipeline's settings forms (/admin/settings/calendar): add a working-day correction,
// remove one, choose the coverage period. The server actions validate and audit
// (lib/case-records/actions/case-settings.ts).
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import {
  removeCalendarOverrideAction,
  saveCalendarOverrideAction,
  saveCoveragePeriodAction,
} from "@/lib/case-records/actions/case-settings";
import type { CoveragePeriod } from "@/lib/case-records/import/definitions";
import { fill, type Messages } from "@/lib/i18n/messages";

type T = Messages["caseSettings"];
const input = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const button =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

export function CalendarOverrideForm({ t }: { t: T }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveCalendarOverrideAction, {});
  const values = state.values ?? {};
  return (
    <form
      action={action}
      className="space-y-2"
      data-testid="calendar-override-form"
      key={JSON.stringify(state.values ?? null) + String(state.message)}
    >
      <div className="flex flex-wrap items-start gap-4">
        <label className="block text-sm">
          {t.date}
          <input
            name="date"
            type="date"
            required
            defaultValue={values.date}
            className={input}
            aria-invalid={Boolean(state.fieldErrors?.date)}
          />
          <FieldError state={state} field="date" />
        </label>
        <fieldset className="text-sm">
          <legend>{t.isWorkday}</legend>
          <div className="mt-2 flex gap-3">
            <label className="flex items-center gap-1">
              <input type="radio" name="isWorkday" value="true" defaultChecked={values.isWorkday !== "false"} />
              {t.workday}
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="isWorkday" value="false" defaultChecked={values.isWorkday === "false"} />
              {t.dayOff}
            </label>
          </div>
          <FieldError state={state} field="isWorkday" />
        </fieldset>
        <label className="block text-sm">
          {t.note}
          <input name="note" maxLength={200} defaultValue={values.note} className={`${input} w-72`} />
          <FieldError state={state} field="note" />
        </label>
        <button type="submit" className={`${button} mt-5`} disabled={pending}>
          {t.add}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}

export type OverrideRow = {
  date: string;
  isWorkday: boolean;
  officialWorkday: boolean;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

export function CalendarOverrideTable({ t, rows }: { t: T; rows: OverrideRow[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(removeCalendarOverrideAction, {});
  const day = (workday: boolean) => (workday ? t.workday : t.dayOff);
  return (
    <div className="space-y-2">
      <FormMessage state={state} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="no-overrides">
          {t.noOverrides}
        </p>
      ) : (
        // Wider than a phone: the table keeps its columns and scrolls in a region a keyboard reaches.
        <section className="overflow-x-auto" tabIndex={0} aria-label={t.overridesHeading}>
          <table className="tabular w-full min-w-max text-left text-sm" data-testid="calendar-overrides">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-2 py-1">
                  {t.date}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t.isWorkday}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t.official}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t.note}
                </th>
                <th scope="col" className="px-2 py-1">
                  {t.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.date} className="border-t border-slate-100" data-date={row.date}>
                  <th scope="row" className="px-2 py-1 font-mono font-normal whitespace-nowrap">
                    {row.date}
                  </th>
                  <td className="px-2 py-1 whitespace-nowrap" data-cell="override">
                    {day(row.isWorkday)}
                  </td>
                  <td className="px-2 py-1 whitespace-nowrap" data-cell="official">
                    {day(row.officialWorkday)}
                  </td>
                  <td className="px-2 py-1">
                    {row.note ?? ""}
                    <span className="block text-xs text-slate-600">
                      {fill(t.updated, { by: row.updatedBy ?? "—", at: row.updatedAt })}
                    </span>
                  </td>
                  <td className="px-2 py-1 whitespace-nowrap">
                    <form action={action}>
                      <input type="hidden" name="date" value={row.date} />
                      <button
                        type="submit"
                        className="inline-flex min-h-7 min-w-7 items-center text-rose-800 underline hover:no-underline disabled:opacity-60"
                        disabled={pending}
                        aria-label={fill(t.removeLabel, { date: row.date })}
                      >
                        {t.remove}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

export function CoveragePeriodForm({ t, period }: { t: T; period: CoveragePeriod }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveCoveragePeriodAction, {});
  const chosen = state.values?.period ?? period;
  return (
    <form
      action={action}
      className="space-y-2"
      data-testid="coverage-period-form"
      key={`${period}/${state.values?.period ?? ""}`}
    >
      <fieldset className="text-sm">
        <legend className="sr-only">{t.coverageHeading}</legend>
        <div className="flex flex-wrap gap-4">
          {(["month", "yearToDate"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1">
              <input type="radio" name="period" value={value} defaultChecked={chosen === value} />
              {t.periods[value]}
            </label>
          ))}
        </div>
        <FieldError state={state} field="period" />
      </fieldset>
      <button type="submit" className={button} disabled={pending}>
        {t.coverageSave}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
