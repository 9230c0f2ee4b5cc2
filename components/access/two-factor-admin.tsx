"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { resetTwoFactorAction, updateTwoFactorSettingsAction } from "@/lib/access/actions/two-factor";
import type { FormState } from "@/lib/action-client/form-state";
import type { Messages } from "@/lib/i18n/messages";

/** The security administrator's part of two-step verification (issue 22): the switch and the reset. */
export function TwoFactorAdmin({ t, departments }: { t: Messages["twoFactor"]["admin"]; departments: boolean }) {
  const [settingsState, settingsAction, settingsPending] = useActionState<FormState, FormData>(
    updateTwoFactorSettingsAction,
    {},
  );
  const [resetState, resetAction, resetPending] = useActionState<FormState, FormData>(resetTwoFactorAction, {});
  const button =
    "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
  return (
    <div className="space-y-4">
      <form action={settingsAction} className="space-y-3" data-testid="two-factor-settings-form">
        <h2 className="text-base font-semibold">{t.title}</h2>
        <p className="text-sm text-slate-600">{t.lead}</p>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="departments" defaultChecked={departments} className="mt-1" />
          <span>{t.departments}</span>
        </label>
        <button type="submit" disabled={settingsPending} className={button}>
          {t.save}
        </button>
        <FormMessage state={settingsState} />
      </form>
      <form action={resetAction} className="space-y-2" data-testid="two-factor-reset-form">
        <h3 className="text-sm font-semibold">{t.resetTitle}</h3>
        <p className="text-sm text-slate-600">{t.resetLead}</p>
        <div className="flex flex-wrap items-end gap-2">
          <label className="block text-sm">
            <span className="text-slate-800">{t.username}</span>
            <input
              name="username"
              required
              maxLength={64}
              autoComplete="off"
              defaultValue={resetState.values?.username}
              className="mt-1 block w-56 max-w-full rounded-md border border-slate-300 px-3 py-1.5"
            />
            <FieldError state={resetState} field="username" />
          </label>
          <button type="submit" disabled={resetPending} className={button}>
            {t.reset}
          </button>
        </div>
        <FormMessage state={resetState} />
      </form>
    </div>
  );
}
