import Link from "next/link";
import { getMessages } from "@/lib/i18n/messages";

export function ForbiddenNotice() {
  const t = getMessages();
  return (
    <main className="mx-auto max-w-xl p-8 text-center">
      <h1 className="text-xl font-semibold" data-testid="forbidden">{t.auth.forbiddenTitle}</h1>
      <p className="mt-2 text-slate-600">{t.auth.forbiddenBody}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t.errors.backHome}
      </Link>
    </main>
  );
}
