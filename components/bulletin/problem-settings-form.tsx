"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { useLocale } from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { updateProblemSettingsAction } from "@/lib/bulletin/actions/update-problem-settings";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";
import type { ProblemKind, ProblemSettings } from "@/lib/indicators/problems";

const input = "mt-1 block w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm tabular";
const button =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const NUMBER_FIELDS = ["coverageRateBelow", "evaluationRateDropAbove", "catalogClaimRateBelow"] as const;

export function ProblemSettingsForm({
  t,
  settings,
  defaults,
  kinds,
  headings,
}: {
  t: Messages;
  settings: ProblemSettings;
  defaults: ProblemSettings;
  kinds: readonly ProblemKind[];
  /** The rules by the bulletin's headings of their problems ("办件覆盖率较低。"). */
  headings: Record<ProblemKind, string>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateProblemSettingsAction, {});
  const zh = nameLang(useLocale());
  const s = t.bulletin.admin.settings;
  // After a refused save the form shows what was typed; otherwise the stored values.
  const refused = state.values !== undefined;
  const key = refused ? JSON.stringify(state.values) : JSON.stringify(settings);
  return (
    <form action={action} className="space-y-5" data-testid="problem-settings-form" key={key}>
      <div className="grid gap-4 md:grid-cols-3">
        {NUMBER_FIELDS.map((field) => (
          <label key={field} className="block text-sm">
            {s[field]}
            <input
              name={field}
              inputMode="decimal"
              defaultValue={refused ? state.values?.[field] : String(settings[field])}
              className={input}
              aria-describedby={`${field}-default`}
            />
            <span id={`${field}-default`} className="mt-1 block text-xs text-slate-600">
              {fill(s.defaultValue, { value: String(defaults[field]) })}
            </span>
            <FieldError state={state} field={field} />
          </label>
        ))}
      </div>
      <fieldset>
        <legend className="text-sm font-medium">{s.enabled}</legend>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          {kinds.map((kind) => {
            const name = `enabled.${kind}`;
            const checked = refused ? state.values?.[name] === "on" : settings.enabled[kind];
            return (
              <label key={kind} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={name} defaultChecked={checked} className="h-4 w-4" />
                <span lang={zh}>{headings[kind].replace(/。$/, "")}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>
          {s.save}
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
