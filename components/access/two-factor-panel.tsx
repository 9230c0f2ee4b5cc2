"use client";

import { useActionState } from "react";
import { signOutAction } from "@/lib/access/actions/sign-out";
import { confirmEnrolmentAction, type EnrolmentState } from "@/lib/access/actions/two-factor";
import type { Messages } from "@/lib/i18n/messages";

type Enrol = { qr: string; secret: string; pending: string; manual: string };

/** Enrolment (QR, key, confirmation), then the recovery codes once; or the enrolled state. */
export function TwoFactorPanel({
  messages: p,
  enrol,
  enrolled,
  confirmLead,
  home,
}: {
  messages: Messages["twoFactor"]["page"];
  enrol: Enrol | null;
  enrolled: string | null;
  confirmLead: string;
  home: string;
}) {
  const [state, action, pending] = useActionState<EnrolmentState, FormData>(confirmEnrolmentAction, {});
  if (state.recoveryCodes) {
    return (
      <div className="mt-4 space-y-3" data-testid="two-factor-done">
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {p.done}
        </p>
        <h2 className="text-base font-semibold">{p.recoveryTitle}</h2>
        <p className="text-sm text-slate-700">{p.recoveryLead}</p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-sm" data-testid="recovery-codes">
          {state.recoveryCodes.map((code) => (
            <li key={code} className="rounded border border-slate-200 bg-slate-50 px-2 py-1 text-center" translate="no">
              {code}
            </li>
          ))}
        </ul>
        <a
          href={home}
          className="block w-full rounded-md bg-brand-600 px-3 py-2 text-center text-white hover:bg-brand-700"
        >
          {p.continue}
        </a>
      </div>
    );
  }
  return (
    <div className="mt-2 space-y-4">
      {enrolled ? (
        <p className="text-sm text-slate-700" data-testid="two-factor-enrolled">
          {enrolled}
        </p>
      ) : enrol ? (
        <>
          <p className="text-sm text-slate-700">{p.lead}</p>
          <p className="text-sm text-slate-800">{p.scan}</p>
          {/* biome-ignore lint/performance/noImgElement: a data: URL drawn on the server; nothing for next/image to optimise */}
          <img src={enrol.qr} alt={p.qrAlt} width={200} height={200} className="mx-auto h-50 w-50" />
          <p className="text-sm text-slate-800">{enrol.manual}</p>
          <p className="text-sm">
            <span className="text-slate-700">{p.secret}: </span>
            <code
              className="break-all rounded bg-slate-100 px-1 font-mono"
              data-testid="two-factor-secret"
              translate="no"
            >
              {enrol.secret}
            </code>
          </p>
          <form action={action} className="space-y-3">
            <input type="hidden" name="pending" value={enrol.pending} />
            <p className="text-sm text-slate-800">{confirmLead}</p>
            <label className="block text-sm">
              <span className="text-slate-800">{p.code}</span>
              <input
                name="code"
                required
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]{6,7}"
                maxLength={7}
                className="mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 tracking-widest text-slate-900"
              />
            </label>
            {state.error && (
              <p
                role="alert"
                className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700"
                data-testid="two-factor-error"
              >
                {state.error}
              </p>
            )}
            <button
              type="submit"
              disabled={pending}
              className="w-full rounded-md bg-brand-600 px-3 py-2 text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {pending ? p.confirming : p.confirm}
            </button>
          </form>
        </>
      ) : null}
      <form action={signOutAction}>
        <button type="submit" className="min-h-6 py-1 text-sm text-slate-700 underline hover:text-slate-900">
          {p.signOut}
        </button>
      </form>
    </div>
  );
}
