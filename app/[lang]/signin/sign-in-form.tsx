"use client";

import { useActionState } from "react";
import { type SignInState, signInAction } from "@/lib/access/actions/sign-in";
import type { Messages } from "@/lib/i18n/messages";

export function SignInForm({
  messages,
  codeMessages,
  callbackUrl,
}: {
  messages: Messages["auth"];
  codeMessages: Messages["twoFactor"]["signIn"];
  callbackUrl: string;
}) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block text-sm">
        <span className="text-slate-700">{messages.username}</span>
        <input
          name="username"
          autoComplete="username"
          required
          defaultValue={state.username}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none"
        />
      </label>
      <label className="block text-sm">
        <span className="text-slate-700">{messages.password}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none"
        />
      </label>
      {/* Issue 22: one form, the code optional: a wrong password and a wrong code get one answer, so
          a stolen password alone learns nothing (not even that it is right). */}
      <div className="text-sm">
        <label className="block">
          <span className="text-slate-700">{codeMessages.code}</span>
          <input
            name="code"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={64}
            aria-describedby="signin-code-hint"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 tracking-wider focus:border-brand-600 focus:outline-none"
          />
        </label>
        {/* Outside the label: the hint describes the field, it is not its name. */}
        <p id="signin-code-hint" className="mt-1 text-xs text-slate-600">
          {codeMessages.codeHint}
        </p>
      </div>
      {state.error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700" data-testid="signin-error">
          {messages.errors[state.error]}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? messages.submitting : messages.submit}
      </button>
    </form>
  );
}
