import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { EndSessionForm } from "@/components/access/end-session-form";
import { SessionTable } from "@/components/access/session-table";
import Link from "@/components/ui/locale-link";
import { readOwnSessions } from "@/lib/access/accounts/read-sessions";
import { readSession } from "@/lib/access/session";
import { getSecurityPolicy } from "@/lib/access/session-activity";
import { localePath } from "@/lib/i18n/locale";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).sessions.mine.title };
}
export const dynamic = "force-dynamic";

/**
 * A user's own sign-in sessions (issue 22): when, from where, which browser, this one marked; the
 * others can be ended. Every signed-in user, their own only (the proxy's rule, then the session here).
 */
export default async function MySessionsPage() {
  const locale = await pageLocale();
  const session = await readSession((await cookies()).getAll());
  if (!session)
    redirect(localePath(locale, `/signin?callbackUrl=${encodeURIComponent(localePath(locale, "/account/sessions"))}`));
  const t = await getPageMessages();
  const m = t.sessions.mine;
  const [sessions, policy] = await Promise.all([readOwnSessions(session.viewer.userId), getSecurityPolicy()]);
  const others = sessions.filter((s) => s.id !== session.payload.sid).length;
  return (
    <main id="main" className="mx-auto max-w-4xl space-y-4 px-4 py-8">
      <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
      <h1 className="text-xl font-semibold text-slate-900">{m.title}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{fill(m.lead, { idle: policy.idleMinutes })}</p>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <SessionTable t={t} sessions={sessions} mode="own" currentSid={session.payload.sid} />
        {others > 0 ? (
          <EndSessionForm mode="allOwn" label={m.endOthers} testId="end-other-sessions" />
        ) : (
          <p className="text-sm text-slate-600">{m.noOthers}</p>
        )}
      </section>
      <Link href="/" className="inline-block py-1 text-sm text-brand-700 underline">
        {t.errors.backHome}
      </Link>
    </main>
  );
}
