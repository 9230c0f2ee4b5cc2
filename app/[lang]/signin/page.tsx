import type { Metadata } from "next";
import { SignInForm } from "@/app/[lang]/signin/sign-in-form";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { getSecurityPolicy } from "@/lib/access/session-activity";
import { fill } from "@/lib/i18n/fill";
import { localePath } from "@/lib/i18n/locale";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).auth.signInTitle };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const t = await getPageMessages();
  // The lock's numbers are the security administrator's policy, not the defaults' wording.
  const policy = await getSecurityPolicy();
  const lockNumbers = { failures: policy.lockAfterFailures, minutes: policy.lockMinutes };
  const messages = { ...t.auth, errors: { ...t.auth.errors, invalid: fill(t.auth.errors.invalid, lockNumbers) } };
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="mb-6">
          <div className="mb-2 flex justify-end">
            <LanguageSwitch label={t.language.label} names={{ "zh-CN": t.language.zh, en: t.language.en }} />
          </div>
          <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
          <h1 className="mt-3 text-xl font-semibold">{t.auth.signInTitle}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.auth.signInLead}</p>
        </div>
        <SignInForm
          messages={messages}
          codeMessages={t.twoFactor.signIn}
          callbackUrl={callbackUrl ?? localePath(await pageLocale(), "/")}
        />
      </div>
    </main>
  );
}
