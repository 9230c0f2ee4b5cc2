// 404 and 403 inside the dashboard: the header with its navigation (on the newest month),
// what happened, and the months that exist.

import { AppHeader } from "@/components/ui/app-header";
import Link from "@/components/ui/locale-link";
import { MonthsList } from "@/components/ui/months-list";
import { packMonths } from "@/components/ui/packed-months";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { getPublishedMonths } from "@/lib/month-versions/published-months";

export async function ErrorPage({ title, body, testId }: { title: string; body: string; testId: string }) {
  const t = await getPageMessages();
  // An error page must not fail in its turn: without a database (a build with none, an outage)
  // it says what happened without the months. (Every static page carries this boundary, so it
  // is also rendered when /about is prerendered at build time.)
  const months = await getPublishedMonths().catch(() => []);
  const latest = months.at(-1)?.month;
  return (
    <div className="min-h-screen">
      {latest && <AppHeader months={months} month={latest} showPicker={false} />}
      <main id="main" className="mx-auto max-w-xl px-4 py-10">
        <h1 className="text-xl font-semibold text-slate-900" data-testid={testId}>
          {title}
        </h1>
        <p className="mt-2 text-slate-700">{body}</p>
        <Link href="/" className="mt-4 inline-block text-brand-700 underline">
          {t.errors.backHome}
        </Link>
        {months.length > 0 && (
          <MonthsList months={packMonths(months)} heading={t.readers.errors.monthsThatExist} demoLabel={t.demo.badge} />
        )}
      </main>
    </div>
  );
}
