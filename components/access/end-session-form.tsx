"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { endOwnSessionAction, endUserSessionAction } from "@/lib/access/actions/end-sessions";
import type { FormState } from "@/lib/action-client/form-state";

/**
 * One session's end button: a user's own other session (`own`), or any user's by the security
 * administrator (`admin`); `all` ends every other session of the user.
 */
export function EndSessionForm({
  mode,
  sessionId,
  label,
  testId,
}: {
  mode: "own" | "admin" | "allOwn";
  sessionId?: string;
  label: string;
  testId: string;
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    mode === "admin" ? endUserSessionAction : endOwnSessionAction,
    {},
  );
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" data-testid={testId}>
      {sessionId && <input type="hidden" name="sessionId" value={sessionId} />}
      {mode === "allOwn" && <input type="hidden" name="all" value="1" />}
      <button
        type="submit"
        disabled={pending}
        className="min-h-6 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
