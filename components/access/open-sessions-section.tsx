// The security administrator's view of open sessions (/admin/security, issue 22): every user's,
// or one user's (?user=name), each with an end button.
import { SessionTable } from "@/components/access/session-table";
import type { OpenSession } from "@/lib/access/user-sessions";
import type { Messages } from "@/lib/i18n/messages";

export function OpenSessionsSection({
  t,
  sessions,
  username,
}: {
  t: Messages;
  sessions: readonly OpenSession[];
  username?: string;
}) {
  const a = t.sessions.admin;
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="open-sessions">
      <h2 className="text-base font-semibold">{a.heading}</h2>
      <p className="text-sm text-slate-600">{a.lead}</p>
      <form method="get" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block text-slate-800">{a.filter}</span>
          <input
            type="text"
            name="user"
            defaultValue={username ?? ""}
            autoComplete="off"
            className="mt-1 w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900"
          />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 text-sm text-slate-800">
          {a.apply}
        </button>
      </form>
      {sessions.length === 0 ? (
        <p className="text-sm text-slate-600">{a.none}</p>
      ) : (
        <SessionTable t={t} sessions={sessions} mode="admin" />
      )}
    </section>
  );
}
