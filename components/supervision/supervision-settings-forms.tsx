"use client";

// 预警设置: the card rules' parameters (bounded inputs; the server checks the bounds again) and
// each unit's contact address for the daily digest.
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import { fill } from "@/lib/i18n/fill";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import type { CardSettings } from "@/lib/supervision";
import { saveCardSettingsAction, saveContactEmailAction } from "@/lib/supervision/cards/actions/supervision-settings";

type T = SupervisionMessages["settings"];
const input = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const button =
  "min-h-6 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

export type Bounds = {
  yellowDaysLeft: { min: number; max: number };
  yellowSharePercent: { min: number; max: number };
  afterHoursCutoff: { min: string; max: string };
};

export function CardSettingsForm({ t, settings, bounds }: { t: T; settings: CardSettings; bounds: Bounds }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveCardSettingsAction, {});
  const values = state.values ?? {};
  return (
    <form action={action} className="space-y-3" data-testid="card-settings-form">
      <div className="flex flex-wrap items-start gap-6">
        <label className="block text-sm">
          {t.yellowDaysLeft}
          <input
            name="yellowDaysLeft"
            type="number"
            required
            min={bounds.yellowDaysLeft.min}
            max={bounds.yellowDaysLeft.max}
            defaultValue={values.yellowDaysLeft ?? settings.yellowDaysLeft}
            className={`${input} w-28`}
            aria-invalid={Boolean(state.fieldErrors?.yellowDaysLeft)}
          />
          <span className="mt-1 block text-xs text-slate-600">{fill(t.bounds, bounds.yellowDaysLeft)}</span>
          <FieldError state={state} field="yellowDaysLeft" />
        </label>
        <label className="block text-sm">
          {t.yellowSharePercent}
          <input
            name="yellowSharePercent"
            type="number"
            required
            min={bounds.yellowSharePercent.min}
            max={bounds.yellowSharePercent.max}
            defaultValue={values.yellowSharePercent ?? settings.yellowSharePercent}
            className={`${input} w-28`}
            aria-invalid={Boolean(state.fieldErrors?.yellowSharePercent)}
          />
          <span className="mt-1 block text-xs text-slate-600">{fill(t.bounds, bounds.yellowSharePercent)}</span>
          <FieldError state={state} field="yellowSharePercent" />
        </label>
        <label className="block text-sm">
          {t.afterHoursCutoff}
          <input
            name="afterHoursCutoff"
            type="time"
            required
            min={bounds.afterHoursCutoff.min}
            max={bounds.afterHoursCutoff.max}
            defaultValue={values.afterHoursCutoff ?? settings.afterHoursCutoff}
            className={`${input} w-32`}
            aria-invalid={Boolean(state.fieldErrors?.afterHoursCutoff)}
          />
          <span className="mt-1 block text-xs text-slate-600">{fill(t.bounds, bounds.afterHoursCutoff)}</span>
          <FieldError state={state} field="afterHoursCutoff" />
        </label>
      </div>
      <button type="submit" className={button} disabled={pending}>
        {t.save}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function ContactEmailForm({
  t,
  unitCode,
  unitName,
  email,
  nameLang,
}: {
  t: T;
  unitCode: string;
  unitName: string;
  email: string | null;
  nameLang?: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveContactEmailAction, {});
  return (
    <form
      action={action}
      className="flex flex-wrap items-center gap-2 py-1"
      data-testid="contact-form"
      data-unit={unitCode}
    >
      <input type="hidden" name="unitCode" value={unitCode} />
      <label className="flex flex-wrap items-center gap-2 text-sm">
        <span className="w-40" lang={nameLang}>
          {unitName}
        </span>
        <span className="sr-only">{t.contactEmail}</span>
        <input
          name="contactEmail"
          type="email"
          defaultValue={state.values?.contactEmail ?? email ?? ""}
          placeholder={t.noContact}
          className="min-h-6 w-72 rounded-md border border-slate-300 px-2 py-1 text-sm"
          aria-invalid={Boolean(state.fieldErrors?.contactEmail)}
        />
      </label>
      <button type="submit" className={button} disabled={pending}>
        {t.saveContact}
      </button>
      <FieldError state={state} field="contactEmail" />
      {state.ok && (
        <span role="status" className="text-xs text-emerald-800">
          {state.message}
        </span>
      )}
    </form>
  );
}
