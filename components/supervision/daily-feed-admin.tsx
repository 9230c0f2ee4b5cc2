"use client";

// The daily feed's admin forms (/admin/daily): machine tokens (create: shown once; the list
// with the last use; revoke) and closing a provisional month. The server actions validate and
// audit (lib/supervision/daily-feed/actions/daily-feed-actions.ts).
import { useActionState } from "react";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/action-client/form-state";
import { fill, type Messages } from "@/lib/i18n/messages";
import {
  closeMonthAction,
  createTokenAction,
  revokeTokenAction,
} from "@/lib/supervision/daily-feed/actions/daily-feed-actions";

type T = Messages["dailyFeed"];
const input = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const button =
  "min-h-6 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

export function CreateTokenForm({ t }: { t: T }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createTokenAction, {});
  const token = state.ok ? state.values?.token : undefined;
  return (
    <form action={action} className="space-y-2" data-testid="create-token-form">
      <div className="flex flex-wrap items-start gap-4">
        <label className="block text-sm">
          {t.tokens.name}
          <input
            name="name"
            required
            maxLength={60}
            placeholder={t.tokens.namePlaceholder}
            defaultValue={state.ok ? "" : state.values?.name}
            className={`${input} w-72 max-w-full`}
            aria-invalid={Boolean(state.fieldErrors?.name)}
          />
          <FieldError state={state} field="name" />
        </label>
        <label className="block text-sm">
          {t.tokens.scope}
          <select name="scope" className={input} defaultValue="cases:ingest">
            <option value="cases:ingest">{t.tokens.scopes["cases:ingest"]}</option>
          </select>
          <FieldError state={state} field="scope" />
        </label>
        <button type="submit" className={`${button} mt-5`} disabled={pending}>
          {t.tokens.create}
        </button>
      </div>
      <FormMessage state={state} />
      {token && (
        <p className="break-all rounded bg-slate-100 px-3 py-2 font-mono text-sm" data-testid="new-token">
          {token}
        </p>
      )}
    </form>
  );
}

export type TokenRow = {
  id: number;
  name: string;
  scope: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export function TokenTable({ t, rows }: { t: T; rows: TokenRow[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(revokeTokenAction, {});
  return (
    <div className="space-y-2">
      <FormMessage state={state} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="no-tokens">
          {t.tokens.none}
        </p>
      ) : (
        <section className="overflow-x-auto" tabIndex={0} aria-label={t.tokens.listHeading}>
          <table className="tabular w-full min-w-max text-left text-sm" data-testid="api-tokens">
            <thead className="bg-slate-100">
              <tr>
                {[
                  t.tokens.name,
                  t.tokens.scope,
                  t.tokens.prefix,
                  t.tokens.createdAt,
                  t.tokens.lastUsed,
                  t.tokens.status,
                ].map((h) => (
                  <th key={h} scope="col" className="px-2 py-1">
                    {h}
                  </th>
                ))}
                <th scope="col" className="px-2 py-1">
                  {t.tokens.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100" data-token-name={row.name}>
                  <th scope="row" className="px-2 py-1 font-normal">
                    {row.name}
                  </th>
                  <td className="px-2 py-1 font-mono">{row.scope}</td>
                  <td className="px-2 py-1 font-mono">{row.prefix}…</td>
                  <td className="px-2 py-1 whitespace-nowrap">{row.createdAt}</td>
                  <td className="px-2 py-1 whitespace-nowrap" data-testid="token-last-used">
                    {row.lastUsedAt ?? t.tokens.never}
                  </td>
                  <td className="px-2 py-1" data-testid="token-status">
                    {row.revokedAt ? fill(t.tokens.revoked, { at: row.revokedAt }) : t.tokens.active}
                  </td>
                  <td className="px-2 py-1">
                    {!row.revokedAt && (
                      <form action={action}>
                        <input type="hidden" name="id" value={row.id} />
                        <button
                          type="submit"
                          disabled={pending}
                          aria-label={fill(t.tokens.revokeLabel, { name: row.name })}
                          className="min-h-6 min-w-6 rounded border border-rose-300 px-2 py-0.5 text-rose-700 hover:bg-rose-50"
                        >
                          {t.tokens.revoke}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

export function CloseMonthList({ t, months }: { t: T; months: Array<{ month: string; asOf: string }> }) {
  const [state, action, pending] = useActionState<FormState, FormData>(closeMonthAction, {});
  return (
    <div className="space-y-2">
      <FormMessage state={state} />
      {months.length === 0 ? (
        <p className="text-sm text-slate-700" data-testid="no-provisional-months">
          {t.close.none}
        </p>
      ) : (
        <ul className="space-y-2" data-testid="provisional-months">
          {months.map((m) => (
            <li key={m.month} className="flex flex-wrap items-center gap-3 text-sm" data-month={m.month}>
              <span className="font-mono">{m.month}</span>
              <span>
                {t.close.asOf} {m.asOf}
              </span>
              <form action={action}>
                <input type="hidden" name="month" value={m.month} />
                <button type="submit" className={button} disabled={pending}>
                  {t.close.button}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
