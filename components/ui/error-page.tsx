// 403 and 404 inside the dashboard. Next sends every error boundary's element with EVERY page
// under it (for a navigation that ends in notFound()), so what a boundary draws is paid by pages
// that never show it (issue 23). Hence three sizes:
// - ErrorPage: the header with its navigation (on the newest month), what happened, and the months
//   that exist. The refusals proxy.ts draws (app/[lang]/refused/*): every refused or unknown path.
// - ErrorBody: what happened and the months, for the boundaries of segments whose layout draws
//   the header already (admin, 整改, 预警).
// - the app's root boundaries (app/[lang]/not-found.tsx, forbidden.tsx) draw ErrorBody in a main
//   of their own, without the header: every month page carries them, and they are reached only
//   by a page's own backstop (a row that vanished between the proxy's check and the render).

import { AppHeader } from "@/components/ui/app-header";
import Link from "@/components/ui/locale-link";
import { MonthsList } from "@/components/ui/months-list";
import { packMonths } from "@/components/ui/packed-months";
import { getPageMessages } from "@/lib/i18n/page-locale";
import { getPublishedMonths, type PublishedMonth } from "@/lib/month-versions/published-months";

type Refusal = { title: string; body: string; testId: string };

// An error page must not fail in its turn: without a database (a build with none, an outage)
// it says what happened without the months. (Every static page carries a boundary, so one is
// also rendered when /about is prerendered at build time.)
const monthsOrNone = (): Promise<PublishedMonth[]> => getPublishedMonths().catch(() => []);

export async function ErrorBody({ title, body, testId, months }: Refusal & { months?: PublishedMonth[] }) {
  const t = await getPageMessages();
  const listed = months ?? (await monthsOrNone());
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900" data-testid={testId}>
        {title}
      </h1>
      <p className="mt-2 text-slate-700">{body}</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 underline">
        {t.errors.backHome}
      </Link>
      {listed.length > 0 && (
        <MonthsList months={packMonths(listed)} heading={t.readers.errors.monthsThatExist} demoLabel={t.demo.badge} />
      )}
    </>
  );
}

/** The root boundaries' page: ErrorBody in a main of its own, no header (see above). */
export function PlainErrorPage(refusal: Refusal) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-10">
      <ErrorBody {...refusal} />
    </main>
  );
}

export async function ErrorPage(refusal: Refusal) {
  const months = await monthsOrNone();
  const latest = months.at(-1)?.month;
  return (
    <div className="min-h-screen">
      {latest && <AppHeader months={months} month={latest} showPicker={false} />}
      <main id="main" className="mx-auto max-w-xl px-4 py-10">
        <ErrorBody {...refusal} months={months} />
      </main>
    </div>
  );
}

/**
 * A boundary's whole drawing: 403 or 404, in the size its place calls for (see the top of this
 * file). Each not-found.tsx / forbidden.tsx of app/[lang] is this one element.
 */
export async function Refusal({ kind, size }: { kind: "forbidden" | "not-found"; size: "page" | "body" | "plain" }) {
  const t = await getPageMessages();
  const refusal =
    kind === "forbidden"
      ? { title: t.auth.forbiddenTitle, body: t.auth.forbiddenBody, testId: "forbidden" }
      : { title: t.errors.notFoundTitle, body: t.errors.notFoundBody, testId: "not-found" };
  if (size === "page") return <ErrorPage {...refusal} />;
  if (size === "body") return <ErrorBody {...refusal} />;
  return <PlainErrorPage {...refusal} />;
}
