import type { Metadata } from "next";
import Link from "@/components/ui/locale-link";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages } from "@/lib/i18n/page-locale";

// 关于本系统: a page with no data, prerendered at build time. It is also the
// static baseline of `npm run bench` (the month pages' throughput is reported
// as a ratio of this page's, both requested signed in through proxy.ts).
export const dynamic = "force-static";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).aboutPage.title };
}

export default async function AboutPage() {
  const t = await getPageMessages();
  const a = t.aboutPage;
  return (
    <main className="mx-auto max-w-2xl px-4 py-10">
      <div className="text-lg font-bold text-brand-900">{t.app.name}</div>
      <h1 className="mt-4 text-xl font-semibold text-slate-900">{a.title}</h1>
      <div className="mt-3 space-y-3 text-sm leading-relaxed text-slate-700">
        <p>{a.what}</p>
        <p>{fill(a.figures, { demo: t.demo.badge })}</p>
        <p>{a.access}</p>
        <p>{a.language}</p>
      </div>
      <Link href="/" className="mt-6 inline-block text-sm text-brand-700 underline">
        {t.errors.backHome}
      </Link>
    </main>
  );
}
