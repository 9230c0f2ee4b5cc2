"use client";
// How many working days a unit has to answer a 整改 task (lib/rectification/actions/due-days-setting.ts).
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import type { Messages } from "@/lib/i18n/messages";
import { saveDueDaysAction } from "@/lib/rectification/actions/due-days-setting";

export function DueDaysForm({ days, t }: { days: number; t: Messages["rectification"]["settings"] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveDueDaysAction, {});
  return (
    <form action={action} className="space-y-2" data-testid="due-days-form">
      <h2 className="font-semibold">{t.heading}</h2>
      <label className="block text-sm">
        <span className="font-medium">{t.label}</span>
        <input
          type="number"
          name="days"
          min={1}
          max={60}
          required
          defaultValue={state.values?.days ?? days}
          className="mt-1 block w-32 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900"
        />
        <FieldError state={state} field="days" />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="min-h-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t.save}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
