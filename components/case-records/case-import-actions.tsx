"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import {
  cancelCaseUploadAction,
  discardCaseUploadAction,
  publishCaseImportAction,
} from "@/lib/case-records/actions/case-import-actions";

export function CasePublishForm({ uploadId, label, intro }: { uploadId: number; label: string; intro: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(publishCaseImportAction, {});
  return (
    <form action={action} className="space-y-2" data-testid="case-publish-form">
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm text-slate-700">{intro}</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

export function CaseDiscardForm({ uploadId, label, intro }: { uploadId: number; label: string; intro: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(discardCaseUploadAction, {});
  return (
    <form action={action} className="space-y-2" data-testid="case-discard-form">
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm text-slate-700">{intro}</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-rose-300 px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-60"
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}

/** Stops a running import (its staging process, staged tables and files go; the lock is freed). */
export function CaseCancelForm({ uploadId, label, intro }: { uploadId: number; label: string; intro: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(cancelCaseUploadAction, {});
  return (
    <form action={action} className="space-y-2" data-testid="case-cancel-form">
      <input type="hidden" name="uploadId" value={uploadId} />
      <p className="text-sm text-slate-700">{intro}</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-rose-300 px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-60"
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
