"use client";

// 预警设置: the card rules' parameters (bounded inputs; the server checks the bounds again) and
// each unit's contact address for the daily digest.
import { type ReactNode, useActionState } from "react";
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

type SettingsAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * The one shape of both forms: a server action's state, the fields drawn from it, the save button
 * (disabled while saving), then what the state says after it.
 */
function SettingsForm({
  action,
  className,
  testId,
  unitCode,
  save,
  fields,
  after,
}: {
  action: SettingsAction;
  className: string;
  testId: string;
  unitCode?: string;
  save: string;
  fields: (state: FormState) => ReactNode;
  after: (state: FormState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className={className} data-testid={testId} data-unit={unitCode}>
      {fields(state)}
      <button type="submit" className={button} disabled={pending}>
        {save}
      </button>
      {after(state)}
    </form>
  );
}

/** One bounded card setting: its label, the input with its bounds, the bounds written out, its error. */
function BoundedField({
  t,
  state,
  name,
  label,
  type,
  bounds,
  value,
  width,
}: {
  t: T;
  state: FormState;
  name: keyof Bounds;
  label: string;
  type: "number" | "time";
  bounds: { min: number | string; max: number | string };
  value: number | string;
  width: string;
}) {
  return (
    <label className="block text-sm">
      {label}
      <input
        name={name}
        type={type}
        required
        min={bounds.min}
        max={bounds.max}
        defaultValue={state.values?.[name] ?? value}
        className={`${input} ${width}`}
        aria-invalid={Boolean(state.fieldErrors?.[name])}
      />
      <span className="mt-1 block text-xs text-slate-600">{fill(t.bounds, bounds)}</span>
      <FieldError state={state} field={name} />
    </label>
  );
}

export function CardSettingsForm({ t, settings, bounds }: { t: T; settings: CardSettings; bounds: Bounds }) {
  return (
    <SettingsForm
      action={saveCardSettingsAction}
      className="space-y-3"
      testId="card-settings-form"
      save={t.save}
      fields={(state) => (
        <div className="flex flex-wrap items-start gap-6">
          {(
            [
              ["yellowDaysLeft", "number", "w-28"],
              ["yellowSharePercent", "number", "w-28"],
              ["afterHoursCutoff", "time", "w-32"],
            ] as const
          ).map(([name, type, width]) => (
            <BoundedField
              key={name}
              t={t}
              state={state}
              name={name}
              label={t[name]}
              type={type}
              bounds={bounds[name]}
              value={settings[name]}
              width={width}
            />
          ))}
        </div>
      )}
      after={(state) => <FormMessage state={state} />}
    />
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
  return (
    <SettingsForm
      action={saveContactEmailAction}
      className="flex flex-wrap items-center gap-2 py-1"
      testId="contact-form"
      unitCode={unitCode}
      save={t.saveContact}
      fields={(state) => (
        <>
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
        </>
      )}
      after={(state) => (
        <>
          <FieldError state={state} field="contactEmail" />
          {state.ok && (
            <span role="status" className="text-xs text-emerald-800">
              {state.message}
            </span>
          )}
        </>
      )}
    />
  );
}
