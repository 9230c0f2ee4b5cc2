"use client";

// The official's 30-second answer under the headline figures: this month's problems, each
// naming its units, and the units to look at first, every unit one click from its page.
// Rendered on the server into the home page's version for viewers who see every unit
// (app/[lang]/[month]/all-units): department users' version has none.
// A client component with no state: the month's attention (problems, units, figures) travels
// once, as that plain data in the page's payload, and reaches the HTML through the server
// render, instead of as its element trees too. The units are plain links styled by one rule
// (.attention-units in globals.css): dozens of next/link components, each with its classes,
// weighed on the home's HTML, its RSC payload and its hydration (issue 23).
import Link from "@/components/ui/locale-link";
import type { Attention, AttentionUnit } from "@/lib/dashboard/sections/attention";
import { fill } from "@/lib/i18n/fill";
import { localePath } from "@/lib/i18n/locale";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { nameLang, withNote } from "@/lib/i18n/punctuation";

function UnitLinks({
  units,
  month,
  more,
  locale,
  limit = Infinity,
}: {
  units: AttentionUnit[];
  month: string;
  more: string;
  locale: Locale;
  limit?: number;
}) {
  const shown = units.slice(0, limit);
  const base = localePath(locale, `/${month}/units/`);
  const lang = nameLang(locale);
  return (
    <ul className="attention-units">
      {shown.map((u) => (
        <li key={u.code}>
          <a href={base + u.code} data-unit-link={u.code} lang={lang}>
            {u.name}
          </a>{" "}
          <span className="tabular">{u.figure}</span>
        </li>
      ))}
      {units.length > limit && <li className="attention-more">{fill(more, { count: units.length })}</li>}
    </ul>
  );
}

export function AttentionPanel({
  attention,
  month,
  messages,
  locale,
}: {
  attention: Attention;
  month: string;
  messages: Messages["readers"]["home"];
  locale: Locale;
}) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        aria-labelledby="home-problems"
        data-testid="home-problems"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="home-problems" className="text-base font-semibold text-slate-800">
            {withNote(messages.problemsHeading, String(attention.problems.length), locale)}
          </h2>
          <Link href={`/${month}/problems`} className="text-sm text-brand-700 hover:underline">
            {messages.problemsDetail}
          </Link>
        </div>
        {attention.problems.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{messages.problemsNone}</p>
        ) : (
          <ol className="mt-2 space-y-3">
            {attention.problems.map((p) => (
              <li key={p.kind} data-problem={p.kind}>
                <p className="text-sm font-medium text-slate-900" data-rule-sentence>
                  {p.sentence}
                </p>
                {p.city && (
                  <p className="mt-1 text-sm text-slate-700 tabular" data-city-figure>
                    {p.city}
                  </p>
                )}
                {p.units.length > 0 && (
                  <UnitLinks units={p.units} month={month} more={messages.problemsMore} locale={locale} />
                )}
              </li>
            ))}
          </ol>
        )}
        {attention.unevaluated.length > 0 && (
          <ul className="mt-3 space-y-1 border-t border-slate-100 pt-2 text-sm text-slate-700">
            {attention.unevaluated.map((r) => (
              <li key={r.kind} data-unevaluated={r.kind} data-rule-sentence>
                {fill(messages.unevaluated, { rule: r.sentence, reason: r.reason })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        aria-labelledby="home-weakest"
        data-testid="home-weakest"
      >
        <h2 id="home-weakest" className="text-base font-semibold text-slate-800">
          {messages.weakestHeading}
        </h2>
        <div className="mt-2 space-y-3">
          {attention.weakest.map((w) => (
            <div key={w.list} data-list={w.list}>
              <h3 className="text-sm font-medium text-slate-900">{messages.weakest[w.list]}</h3>
              {w.units.length === 0 ? (
                <p className="mt-1 text-sm text-slate-700">{messages.weakestEmpty}</p>
              ) : (
                <UnitLinks units={w.units} month={month} more={messages.problemsMore} locale={locale} />
              )}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
