import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/access/change-password-form";
import { getViewer } from "@/lib/access/guard";
import { localePath } from "@/lib/i18n/locale";
import { getPageMessages, pageLocale } from "@/lib/i18n/page-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).readers.password.heading };
}
export const dynamic = "force-dynamic";

/** Where a user with a one-time initial password is sent before anything else (see docs/readers.md). */
export default async function ChangePasswordPage() {
  const locale = await pageLocale();
  if (!(await getViewer()))
    redirect(localePath(locale, `/signin?callbackUrl=${encodeURIComponent(localePath(locale, "/account/password"))}`));
  const t = await getPageMessages();
  const p = t.readers.password;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
        <h1 className="mt-3 text-xl font-semibold">{p.heading}</h1>
        <p className="mt-1 mb-4 text-sm text-slate-700">{p.lead}</p>
        <ChangePasswordForm messages={p} />
      </div>
    </main>
  );
}
