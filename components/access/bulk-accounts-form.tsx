"use client";

import { useActionState, useState } from "react";
import { bulkFileTooLarge, MAX_BULK_FILE_BYTES } from "@/lib/access/accounts/bulk-limits";
import { type BulkState, createBulkAccountsAction } from "@/lib/access/actions/create-bulk-accounts";
import type { Messages } from "@/lib/i18n/messages";

export function BulkAccountsForm({
  messages,
  roles,
}: {
  messages: Messages["readers"]["bulk"];
  roles: Messages["auth"]["roles"];
}) {
  const [state, action, pending] = useActionState<BulkState, FormData>(createBulkAccountsAction, {});
  // A file over the limit is refused here, before sending: Next would answer its body with a bare 500.
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const errors = tooLarge ? [tooLarge] : state.errors;
  return (
    <div className="space-y-4">
      <form
        action={action}
        onSubmit={(event) => {
          const file = new FormData(event.currentTarget).get("file");
          const message =
            file instanceof File && file.size > MAX_BULK_FILE_BYTES ? bulkFileTooLarge(file, messages.tooLarge) : null;
          setTooLarge(message);
          if (message) event.preventDefault();
        }}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="text-slate-700">{messages.file}</span>
          <input type="file" name="file" accept=".xlsx,.csv" required className="text-sm" data-testid="bulk-file" />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-brand-600 bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {messages.submit}
        </button>
      </form>
      {errors && (
        <div role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-700" data-testid="bulk-errors">
          <p className="font-medium">{messages.nothingWritten}</p>
          <ul className="mt-1 list-disc pl-5">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {!tooLarge && state.created && (
        <section className="space-y-2" data-testid="bulk-created">
          <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            {state.message}
          </p>
          <section
            className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
            tabIndex={0}
            aria-label={messages.heading}
          >
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100">
                <tr>
                  {(["row", "username", "name", "unit", "role", "password"] as const).map((c) => (
                    <th key={c} className="px-3 py-2">
                      {messages.columns[c]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.created.map((a) => (
                  <tr key={a.username} className="border-t border-slate-100" data-username={a.username}>
                    <td className="px-3 py-1.5">{a.row}</td>
                    <td className="px-3 py-1.5 font-mono">{a.username}</td>
                    <td className="px-3 py-1.5">{a.displayName}</td>
                    <td className="px-3 py-1.5">{a.unitName ?? "—"}</td>
                    <td className="px-3 py-1.5">{roles[a.role]}</td>
                    <td className="px-3 py-1.5 font-mono" data-password>
                      {a.password}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      )}
    </div>
  );
}
