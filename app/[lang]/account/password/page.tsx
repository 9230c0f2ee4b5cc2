import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/access/change-password-form";
import { passwordRulesHint } from "@/lib/access/accounts/new-password";
import { readPasswordExpiry } from "@/lib/access/accounts/read-sessions";
import { getViewer } from "@/lib/access/guard";
import { localePath } from "@/lib/i18n/locale";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).readers.password.heading };
}
export const dynamic = "force-dynamic";

/**
 * Where a user with a one-time initial password, or one whose password is past the policy's age
 * (issue 22), is sent before anything else (see docs/readers.md).
 */
export default async function ChangePasswordPage() {
  const locale = await pageLocale();
  const viewer = await getViewer();
  if (!viewer)
    redirect(localePath(locale, `/signin?callbackUrl=${encodeURIComponent(localePath(locale, "/account/password"))}`));
  const t = await getPageMessages();
  const p = t.readers.password;
  const expiry = await readPasswordExpiry(viewer.userId);
  const heading = expiry.expired ? t.sessions.expired.heading : p.heading;
  const lead = expiry.expired ? fill(t.sessions.expired.lead, { days: expiry.maxAgeDays }) : p.lead;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
        <h1 className="mt-3 text-xl font-semibold">{heading}</h1>
        <p className="mt-1 mb-4 text-sm text-slate-700">{lead}</p>
        <ChangePasswordForm messages={p} hint={passwordRulesHint(t.sessions.passwordRules)} />
      </div>
    </main>
  );
}
