"use client";

// The 预警 list: red first (most days over first), then yellow (fewest days left first), sortable
// by any column in the browser. The 回告 column shows each red card's answer, which lives with the
// rectification capability's tasks (issue 21); the page puts unanswered red cards first.
import { useMemo, useState } from "react";
import { fill } from "@/lib/i18n/fill";
import type { Locale } from "@/lib/i18n/messages";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import { nameLang } from "@/lib/i18n/punctuation";
import { RedCardAnswer, type RedCardAnswerState } from "./red-card-answer";

export type CardRow = {
  caseNo: string;
  month: string;
  level: "RED" | "YELLOW";
  unitName: string;
  itemCode: string;
  itemName: string | null;
  caseKind: "INSTANT" | "PROMISED";
  acceptedAt: string;
  promisedDays: number;
  usedDays: number;
  daysLeft: number;
  /** A red card's answer (回告); null for a yellow card. */
  answer: RedCardAnswerState | null;
};

type SortKey = "default" | "caseNo" | "unitName" | "itemCode" | "acceptedAt" | "promisedDays" | "usedDays" | "daysLeft";

export function CardTable({
  rows,
  t,
  showUnit,
  locale,
  canAnswer,
}: {
  rows: CardRow[];
  /** The viewer is the cards' own unit and may answer them. */
  canAnswer: boolean;
  t: Pick<SupervisionMessages, "red" | "yellow" | "warnings">;
  showUnit: boolean;
  locale: Locale;
}) {
  const w = t.warnings;
  const c = w.columns;
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: "default", asc: true });
  const sorted = useMemo(() => {
    if (sort.key === "default") return rows;
    const key = sort.key;
    const f = sort.asc ? 1 : -1;
    return [...rows].sort((a, b) => {
      const av = a[key];
      const bv = b[key];
      return (typeof av === "number" && typeof bv === "number" ? av - bv : String(av).localeCompare(String(bv))) * f;
    });
  }, [rows, sort]);
  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      scope="col"
      className={`border-b border-slate-200 px-2 py-2 ${numeric ? "text-right" : "text-left"}`}
      aria-sort={sort.key === key ? (sort.asc ? "ascending" : "descending") : undefined}
    >
      <button
        type="button"
        className="min-h-6 min-w-6 font-semibold whitespace-nowrap hover:underline"
        onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}
      >
        {label}
      </button>
    </th>
  );
  return (
    <section
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      aria-label={w.tableCaption}
    >
      <table className="w-full border-collapse text-sm" data-testid="card-table">
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
          {sorted.map((r) => (
            <tr
              key={r.caseNo}
              className="border-b border-slate-100"
              data-testid="card-row"
              data-case-no={r.caseNo}
              data-month={r.month}
              data-level={r.level}
            >
              <td className="px-2 py-1.5">
                <span
                  className={`rounded px-1.5 py-0.5 text-xs font-semibold ${r.level === "RED" ? "bg-red-700 text-[#ffffff]" : "bg-amber-300 text-[#000000]"}`}
                >
                  {r.level === "RED" ? t.red : t.yellow}
                </span>
              </td>
              <td className="px-2 py-1.5 font-mono text-xs">{r.caseNo}</td>
              {showUnit && (
                <td className="px-2 py-1.5" lang={nameLang(locale)}>
                  {r.unitName}
                </td>
              )}
              <td className="px-2 py-1.5">
                <span className="font-mono text-xs">{r.itemCode}</span>
                {r.itemName && (
                  <span className="ml-1" lang={nameLang(locale)}>
                    {r.itemName}
                  </span>
                )}
              </td>
              <td className="px-2 py-1.5">{w.kinds[r.caseKind]}</td>
              <td className="px-2 py-1.5 tabular-nums whitespace-nowrap">{r.acceptedAt}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{r.promisedDays}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{r.usedDays}</td>
              <td
                className={`px-2 py-1.5 text-right tabular-nums whitespace-nowrap ${r.daysLeft < 0 ? "font-semibold text-rose-700" : ""}`}
                data-testid="card-remaining"
              >
                {r.daysLeft < 0 ? fill(w.daysOver, { n: -r.daysLeft }) : fill(w.daysLeft, { n: r.daysLeft })}
              </td>
              <td className="border-l-2 border-l-slate-300 px-2 py-1.5" data-testid="card-answer-slot">
                {r.answer && (
                  <RedCardAnswer caseNo={r.caseNo} month={r.month} answer={r.answer} canAnswer={canAnswer} w={w} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
