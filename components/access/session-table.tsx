// A list of open sign-in sessions: a user's own (/account/sessions, this one marked, the others
// with an end button) or every user's (/admin/security, each with the security administrator's
// end button). Times in UTC, as the rest of the security pages give them.
import { EndSessionForm } from "@/components/access/end-session-form";
import { describeUserAgent } from "@/lib/access/user-agent";
import type { OpenSession } from "@/lib/access/user-sessions";
import type { Messages } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function SessionTable({
  t,
  sessions,
  mode,
  currentSid,
}: {
  t: Messages;
  sessions: readonly OpenSession[];
  mode: "own" | "admin";
  currentSid?: string;
}) {
  const m = t.sessions.mine;
  return (
    // A section the keyboard reaches: on a phone the table scrolls sideways.
    <section
      className="overflow-x-auto"
      tabIndex={0}
      aria-label={mode === "admin" ? t.sessions.admin.heading : m.title}
    >
      <table className="w-full text-sm" data-testid="session-table">
        <thead>
          <tr className="text-left text-slate-600">
            {mode === "admin" && <th className="pr-4 pb-1 font-medium">{t.sessions.admin.user}</th>}
            <th className="pr-4 pb-1 font-medium">{m.started}</th>
            <th className="pr-4 pb-1 font-medium">{m.lastSeen}</th>
            <th className="pr-4 pb-1 font-medium">{m.address}</th>
            <th className="pr-4 pb-1 font-medium">{m.browser}</th>
            <th className="pb-1">
              <span className="sr-only">{mode === "admin" ? t.sessions.admin.end : m.end}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const current = mode === "own" && s.id === currentSid;
            return (
              <tr
                key={s.id}
                className="border-t border-slate-100 align-top"
                data-session={current ? "current" : "other"}
                data-username={s.username}
              >
                {mode === "admin" && (
                  <td className="py-1 pr-4">
                    {s.username}{" "}
                    <span className="text-slate-600" lang={nameLang(t.locale)}>
                      {s.displayName}
                    </span>
                  </td>
                )}
                <td className="py-1 pr-4 tabular-nums">{utc(s.createdAt)}</td>
                <td className="py-1 pr-4 tabular-nums">{utc(s.lastSeenAt)}</td>
                <td className="py-1 pr-4 break-all">{s.address}</td>
                <td className="py-1 pr-4" title={s.userAgent}>
                  {describeUserAgent(s.userAgent)}
                </td>
                <td className="py-1">
                  {current ? (
                    <span className="rounded bg-emerald-50 px-2 py-0.5 text-emerald-800">{m.thisOne}</span>
                  ) : (
                    <EndSessionForm
                      mode={mode}
                      sessionId={s.id}
                      label={mode === "admin" ? t.sessions.admin.end : m.end}
                      testId={`end-session-${s.id}`}
                    />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
