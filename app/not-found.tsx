import Link from "next/link";
import { getMessages } from "@/lib/i18n/messages";

export default function NotFound() {
  const t = getMessages();
  return (
    <main className="mx-auto max-w-xl p-8 text-center">
      <h1 className="text-xl font-semibold">{t.errors.notFoundTitle}</h1>
      <p className="mt-2 text-slate-600">{t.errors.notFoundBody}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t.errors.backHome}
      </Link>
    </main>
  );
}
