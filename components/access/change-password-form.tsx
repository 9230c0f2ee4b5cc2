"use client";

import { useActionState } from "react";
import { type ChangePasswordState, changePasswordAction } from "@/lib/access/actions/change-password";
import type { Messages } from "@/lib/i18n/messages";

const field = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900";

/** `hint`: the password rules (issue 22), described under the new password. */
export function ChangePasswordForm({ messages, hint }: { messages: Messages["readers"]["password"]; hint?: string }) {
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, {});
  return (
    <form action={action} className="space-y-4">
      {(["current", "next", "confirm"] as const).map((name) => (
        <label key={name} className="block text-sm">
          <span className="text-slate-800">{messages[name]}</span>
          <input
            type="password"
            name={name}
            required
            autoComplete={name === "current" ? "current-password" : "new-password"}
            minLength={name === "current" ? 1 : 10}
            aria-describedby={name === "next" && hint ? "password-rules" : undefined}
            className={field}
          />
          {name === "next" && hint && (
            <span id="password-rules" className="mt-1 block text-xs text-slate-600">
              {hint}
            </span>
          )}
        </label>
      ))}
      {state.error && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700" data-testid="password-error">
          {state.error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-3 py-2 text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {messages.submit}
      </button>
    </form>
  );
}
