"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { updateAccessSettingsAction } from "@/lib/access/actions/update-access-settings";
import type { AccessSettings } from "@/lib/access/permissions";
import type { FormState } from "@/lib/action-client/form-state";
import type { Messages } from "@/lib/i18n/messages";

export function AccessSettingsForm({ t, settings }: { t: Messages; settings: AccessSettings }) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateAccessSettingsAction, {});
  const a = t.access;
  return (
    <form action={action} className="space-y-3" data-testid="access-settings-form">
      <h2 className="text-base font-semibold">{a.heading}</h2>
      <p className="text-sm text-slate-600">{a.lead}</p>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="departmentsReadBulletin"
          defaultChecked={settings.departmentsReadBulletin}
          className="mt-1"
        />
        <span>{a.departmentsReadBulletin}</span>
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {a.save}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
