"use client";

// The 预警 list, one page of it: red first (most days over first), then yellow (fewest days left
// first), or in the order of a column the reader chose — sorted on the server over every card, so
// each header is a link (components/supervision/warnings-view.tsx). The 回告 column shows each red card's answer, which lives with the
// rectification capability's tasks (issue 21); the page puts unanswered red cards first.
// The cells carry no classes: their padding, alignment and badges are rules of .card-table in
// globals.css, by column (a table of 市公安局 has 306 rows); the rows' 回告 buttons share one form.
import { useActionState, useMemo, useState } from "react";
import Link from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { fill } from "@/lib/i18n/fill";
import type { Locale } from "@/lib/i18n/messages";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import { nameLang } from "@/lib/i18n/punctuation";
import type { CardSortKey } from "@/lib/supervision";
import { answerRedCardAction } from "@/lib/supervision/cards/actions/answer-red-card";
import { type CardRowTuple, cardRowOf } from "./card-rows";
import { RedCardAnswer, RedCardAnswerForm } from "./red-card-answer";

export function CardTable({
  rows: sent,
  month,
  t,
  showUnit,
  locale,
  canAnswer,
  sort,
  sortHrefs,
}: {
  rows: CardRowTuple[];
  /** The order the rows come in, and each header's link to its own. */
  sort: { key: CardSortKey; asc: boolean };
  sortHrefs: Record<CardSortKey, string>;
  /** The cards' month (every row's): the 回告 form sends it with the pressed row's case. */
  month: string;
  /** The viewer is the cards' own unit and may answer them. */
  canAnswer: boolean;
  t: Pick<SupervisionMessages, "red" | "yellow" | "warnings">;
  showUnit: boolean;
  locale: Locale;
}) {
  const w = t.warnings;
  const c = w.columns;
  const [answerState, answerAction, pending] = useActionState<FormState, FormData>(answerRedCardAction, {});
  const [answeredCase, setAnsweredCase] = useState<string | null>(null);
  const rows = useMemo(() => sent.map(cardRowOf), [sent]);
  const header = (key: CardSortKey, label: string, numeric = false) => (
    <th
      scope="col"
      className={`border-b border-slate-200 px-2 py-2 ${numeric ? "text-right" : "text-left"}`}
      aria-sort={sort.key === key ? (sort.asc ? "ascending" : "descending") : undefined}
    >
      <Link
        href={sortHrefs[key]}
        className="inline-block min-h-6 min-w-6 font-semibold whitespace-nowrap hover:underline"
      >
        {label}
      </Link>
    </th>
  );
  // One box for the table and its form: the form's message sticks to the window's foot while the table is in view.
  return (
    <div>
      <section
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        aria-label={w.tableCaption}
      >
        <table className="card-table w-full border-collapse text-sm" data-testid="card-table">
          <caption className="sr-only">{w.tableCaption}</caption>
          <thead className="bg-slate-50">
            <tr>
              {header("default", c.level)}
              {header("caseNo", c.caseNo)}
              {showUnit && header("unitName", c.unit)}
              {header("itemCode", c.item)}
              <th scope="col" className="border-b border-slate-200 px-2 py-2 text-left">
                {c.kind}
              </th>
              {header("acceptedAt", c.acceptedAt)}
              {header("promisedDays", c.promisedDays, true)}
              {header("usedDays", c.usedDays, true)}
              {header("daysLeft", c.remaining, true)}
              <th scope="col" className="border-b border-l-2 border-slate-200 border-l-slate-300 px-2 py-2 text-left">
                {c.answer}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.caseNo} data-testid="card-row" data-case-no={r.caseNo} data-level={r.level}>
                <td>
                  <span>{r.level === "RED" ? t.red : t.yellow}</span>
                </td>
                <td>{r.caseNo}</td>
                {showUnit && <td lang={nameLang(locale)}>{r.unitName}</td>}
                <td>
                  <span>{r.itemCode}</span>
                  {r.itemName && <span lang={nameLang(locale)}>{r.itemName}</span>}
                </td>
                <td>{w.kinds[r.caseKind]}</td>
                <td>{r.acceptedAt}</td>
                <td>{r.promisedDays}</td>
                <td>{r.usedDays}</td>
                <td data-testid="card-remaining" data-over={r.daysLeft < 0 ? "" : undefined}>
                  {r.daysLeft < 0 ? fill(w.daysOver, { n: -r.daysLeft }) : fill(w.daysLeft, { n: r.daysLeft })}
                </td>
                <td data-testid="card-answer-slot">
                  {r.answer && (
                    <RedCardAnswer caseNo={r.caseNo} answer={r.answer} canAnswer={canAnswer} pending={pending} w={w} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {canAnswer && (
        <RedCardAnswerForm
          month={month}
          action={answerAction}
          state={answerState}
          pending={pending}
          caseNo={answeredCase}
          onCase={setAnsweredCase}
          w={w}
        />
      )}
    </div>
  );
}
