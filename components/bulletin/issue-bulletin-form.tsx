"use client";
// 印发 / 再次印发 with its correction note (lib/bulletin/actions/issue-bulletin.ts).
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import { issueBulletinAction } from "@/lib/bulletin/actions/issue-bulletin";

export function IssueBulletinForm({
  month,
  nextEdition,
  labels,
}: {
  month: string;
  nextEdition: number;
  labels: { button: string; correctionNote: string };
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(issueBulletinAction, {});
  return (
    <form action={action} className="space-y-3" data-testid="issue-form">
      <input type="hidden" name="month" value={month} />
      {nextEdition > 1 && (
        <label className="block text-sm">
          <span className="font-medium">{labels.correctionNote}</span>
          <textarea
            name="correctionNote"
            required
            maxLength={500}
            rows={3}
            defaultValue={state.values?.correctionNote ?? ""}
            className="mt-1 block w-full max-w-2xl rounded-md border border-slate-300 px-3 py-2"
          />
          <FieldError state={state} field="correctionNote" />
        </label>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="issue-button"
      >
        {labels.button}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
