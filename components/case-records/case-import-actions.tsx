"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import {
  cancelCaseUploadAction,
  discardCaseUploadAction,
  publishCaseImportAction,
} from "@/lib/case-records/actions/case-import-actions";

type UploadAction = (state: FormState, formData: FormData) => Promise<FormState>;
type Props = { uploadId: number; label: string; intro: string };

const BUTTON = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  danger: "border border-rose-300 text-rose-800 hover:bg-rose-50",
} as const;

/** One action on one upload: its explanation, its button, and what the action answered. */
function UploadActionForm({
  uploadId,
  label,
  intro,
  action: serverAction,
  tone,
  testId,
}: Props & { action: UploadAction; tone: keyof typeof BUTTON; testId: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(serverAction, {});
  return (
    <form action={action} className="space-y-2" data-testid={testId}>
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm text-slate-700">{intro}</p>
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${BUTTON[tone]}`}
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function CasePublishForm(props: Props) {
  return <UploadActionForm {...props} action={publishCaseImportAction} tone="primary" testId="case-publish-form" />;
}

export function CaseDiscardForm(props: Props) {
  return <UploadActionForm {...props} action={discardCaseUploadAction} tone="danger" testId="case-discard-form" />;
}

/** Stops a running import (its staging process, staged tables and files go; the lock is freed). */
export function CaseCancelForm(props: Props) {
  return <UploadActionForm {...props} action={cancelCaseUploadAction} tone="danger" testId="case-cancel-form" />;
}
