import type { Metadata } from "next";
import { TwoFactorPanel } from "@/components/access/two-factor-panel";
import { getViewer } from "@/lib/access/guard";
import { PENDING_MINUTES, startEnrolment } from "@/lib/access/two-factor/enrolment";
import { qrDataUrl } from "@/lib/access/two-factor/qr";
import { ownTwoFactor } from "@/lib/access/two-factor/read";
import { otpauthUri } from "@/lib/access/two-factor/totp";
import { localePath } from "@/lib/i18n/locale";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).twoFactor.page.title };
}
export const dynamic = "force-dynamic";

/**
 * Issue 22: where a user whose role needs a second factor, and who has none, is sent before
 * anything else (permissions.ts enrollTwoFactor); anyone signed in may open it to see their state.
 * Each visit draws a new secret (lib/access/two-factor/enrolment.ts); nothing is stored until a
 * code confirms it.
 */
export default async function TwoFactorPage() {
  const locale = await pageLocale();
  const t = await getPageMessages();
  const p = t.twoFactor.page;
  // The proxy lets only signed-in viewers here. No viewer is read, at most, while the page is drawn
  // again in the response to the confirmation, if it ran before the new cookie: it then shows
  // nothing of its own, and the panel keeps the recovery codes it was answered with.
  const viewer = await getViewer();
  const own = viewer ? await ownTwoFactor(viewer.userId) : null;
  let enrol: { qr: string; secret: string; pending: string; manual: string } | null = null;
  if (viewer && own && !own.enrolledAt) {
    const { secret, pending } = startEnrolment(viewer.userId);
    const qr = await qrDataUrl(otpauthUri(secret, own.username, t.app.name));
    enrol = { qr, secret, pending, manual: fill(p.manual, { username: own.username }) };
  }
  const enrolled = own?.enrolledAt
    ? fill(p.enrolled, { date: own.enrolledAt.toISOString().slice(0, 10), count: own.remainingRecoveryCodes })
    : null;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-8">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
        <h1 className="mt-3 text-xl font-semibold">{p.title}</h1>
        {/* One client component in both states: after the confirmation the page re-renders as
            enrolled, and the panel keeps the recovery codes it was answered with. */}
        <TwoFactorPanel
          messages={p}
          enrol={enrol}
          enrolled={enrolled}
          confirmLead={fill(p.confirmLead, { minutes: PENDING_MINUTES })}
          home={localePath(locale, "/")}
        />
      </div>
    </main>
  );
}
