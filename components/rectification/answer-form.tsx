"use client";
// 填报整改措施 (a bulletin problem) or 红牌回告 (a red card: a reason from the list and text), with
// evidence files; the task's version goes along so a change made meanwhile is refused, not lost.
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";
import { answerTaskAction } from "@/lib/rectification/actions/task-actions";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "@/lib/rectification/limits";

const field =
  "mt-1 block w-full max-w-2xl rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900";
const REASONS = ["supplementRequired", "suspended", "systemFault", "applicant", "staffing", "other"] as const;

export function AnswerForm({
  taskId,
  version,
  kind,
  t,
}: {
  taskId: number;
  version: number;
  kind: "PROBLEM" | "RED_CARD";
  t: Messages["rectification"];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(answerTaskAction, {});
  const a = t.answer;
  const text = (name: "found" | "done" | "planned" | "text", label: string, required: boolean) => (
    <label className="block text-sm">
      <span className="font-medium">{label}</span>
      <textarea
        name={name}
        required={required}
        maxLength={2000}
        rows={3}
        defaultValue={state.values?.[name] ?? ""}
        className={field}
        data-testid={`answer-${name}`}
      />
      <FieldError state={state} field={name} />
    </label>
  );
  if (state.ok) return <FormMessage state={state} />;
  return (
    <form action={action} className="space-y-3" data-testid="answer-form">
      <h2 className="font-semibold">{kind === "PROBLEM" ? a.heading : a.redCardHeading}</h2>
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="kind" value={kind} />
      {kind === "PROBLEM" ? (
        <>
          {text("found", a.found, true)}
          {text("done", a.done, true)}
          {text("planned", a.planned, true)}
          <label className="block text-sm">
            <span className="font-medium">{a.plannedBy}</span>
            <input
              type="date"
              name="plannedBy"
              defaultValue={state.values?.plannedBy ?? ""}
              className={field}
              data-testid="answer-plannedBy"
            />
            <FieldError state={state} field="plannedBy" />
          </label>
        </>
      ) : (
        <>
          <label className="block text-sm">
            <span className="font-medium">{a.reason}</span>
            <select
              name="reason"
              required
              defaultValue={state.values?.reason ?? ""}
              className={field}
              data-testid="answer-reason"
            >
              <option value="" />
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t.reasons[r]}
                </option>
              ))}
            </select>
            <FieldError state={state} field="reason" />
          </label>
          {text("text", a.text, false)}
        </>
      )}
      <label className="block text-sm">
        <span className="font-medium">
          {fill(a.files, { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024, max: MAX_ATTACHMENTS })}
        </span>
        <input
          type="file"
          name="files"
          multiple
          accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png"
          className="mt-1 block text-sm"
          data-testid="answer-files"
        />
        <FieldError state={state} field="files" />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="min-h-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="answer-submit"
      >
        {a.submit}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
