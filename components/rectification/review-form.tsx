"use client";
// 销号 or 退回 with a comment, naming the task's version it was shown with.
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import type { Messages } from "@/lib/i18n/messages";
import { reviewTaskAction } from "@/lib/rectification/actions/task-actions";

export function ReviewForm({ taskId, version, t }: { taskId: number; version: number; t: Messages["rectification"] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(reviewTaskAction, {});
  const r = t.review;
  if (state.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-3" data-testid="review-form">
      <h2 className="font-semibold">{r.heading}</h2>
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="version" value={version} />
      <label className="block text-sm">
        <span className="font-medium">{r.comment}</span>
        <textarea
          name="comment"
          maxLength={1000}
          rows={3}
          defaultValue={state.values?.comment ?? ""}
          className="mt-1 block w-full max-w-2xl rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900"
          data-testid="review-comment"
        />
        <FieldError state={state} field="comment" />
      </label>
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="decision"
          value="CLOSED"
          disabled={pending}
          className="min-h-6 rounded-md bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
          data-testid="review-close"
        >
          {r.close}
        </button>
        <button
          type="submit"
          name="decision"
          value="RETURNED"
          disabled={pending}
          className="min-h-6 rounded-md border border-rose-700 px-4 py-2 text-sm font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-60"
          data-testid="review-return"
        >
          {r.return}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
