"use client";

import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { updateSecurityPolicyAction } from "@/lib/access/actions/update-security-policy";
import type { SecurityPolicy } from "@/lib/access/security-policy";
import type { FormState } from "@/lib/action-client/form-state";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";

const FIELDS = ["idleMinutes", "lockAfterFailures", "lockMinutes", "passwordMaxAgeDays"] as const;

/**
 * The password and session policy (the security administrator's page), each field within its
 * bounds (given by the page: the schema's module, with zod, stays on the server).
 */
export function SecurityPolicyForm({
  t,
  policy,
  bounds,
}: {
  t: Messages;
  policy: SecurityPolicy;
  bounds: Record<keyof SecurityPolicy, readonly [number, number]>;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(updateSecurityPolicyAction, {});
  const p = t.sessions.policy;
  return (
    <form action={action} className="space-y-3" data-testid="security-policy-form" noValidate>
      <h2 className="text-base font-semibold">{p.heading}</h2>
      <p className="text-sm text-slate-600">{p.lead}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {FIELDS.map((field) => {
          const [min, max] = bounds[field];
          return (
            <label key={field} className="block text-sm">
              <span className="text-slate-800">{fill(p[field], { min, max })}</span>
              <input
                type="number"
                name={field}
                min={min}
                max={max}
                step={1}
                required
                defaultValue={state.values?.[field] ?? policy[field]}
                className="mt-1 block w-32 rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900"
              />
              <FieldError state={state} field={field} />
            </label>
          );
        })}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {p.save}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
