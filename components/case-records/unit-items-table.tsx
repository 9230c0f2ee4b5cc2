"use client";

import { useMemo, useState } from "react";
// A unit's service items: most overdue first, sortable by any column (in the browser: the page
// is one cached read, the whole list is on it). Items with no case this month show 本月无办件
// across the case columns instead of a row of zeros.
import Link from "@/components/ui/locale-link";
import type { UnitItemRow } from "@/lib/case-records/drill-down/case-drill-down";
import { formatCount, formatRate } from "@/lib/i18n/format";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { nameLang, paren, withNote } from "@/lib/i18n/punctuation";

const NUMERIC = [
  "applied",
  "accepted",
  "completed",
  "overdueCompleted",
  "promisedCompleted",
  "handlingSpeedupRate",
  "earlyCompletionRate",
  "evaluations",
  "activeEvaluations",
  "satisfactionRate",
] as const;
type NumericColumn = (typeof NUMERIC)[number];
type SortKey = "default" | "itemCode" | "itemName" | NumericColumn;
const RATES = new Set<NumericColumn>(["handlingSpeedupRate", "earlyCompletionRate", "satisfactionRate"]);
/** Case columns covered by the 本月无办件 cell. */
const CASE_COLUMNS = NUMERIC.indexOf("evaluations");

export function UnitItemsTable({
  rows,
  baseHref,
  messages,
  locale,
}: {
  rows: UnitItemRow[];
  baseHref: string;
  messages: Messages["drillDown"];
  locale: Locale;
}) {
  const [sort, setSort] = useState<{ key: SortKey; direction: "asc" | "desc" }>({ key: "default", direction: "desc" });
  const sorted = useMemo(() => {
    if (sort.key === "default") return rows;
    const key = sort.key;
    const factor = sort.direction === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      if (key === "itemCode" || key === "itemName") return factor * a[key].localeCompare(b[key], "zh-CN");
      // Items without cases (and a satisfaction with no evaluation) sort last either way.
      const av = a.hasCases || key === "evaluations" || key === "activeEvaluations" ? a[key] : null;
      const bv = b.hasCases || key === "evaluations" || key === "activeEvaluations" ? b[key] : null;
      if (av === null || bv === null) return av === bv ? 0 : av === null ? 1 : -1;
      return factor * (av - bv) || a.itemCode.localeCompare(b.itemCode);
    });
  }, [rows, sort]);
  const onSort = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === "asc" ? "desc" : "asc" }
        : { key, direction: key === "itemCode" || key === "itemName" ? "asc" : "desc" },
    );
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined;
  const icon = (key: SortKey) => (sort.key === key ? (sort.direction === "asc" ? "▲" : "▼") : "");
  const c = messages.columns;

  return (
    <section
      className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      aria-label={messages.itemsTable}
    >
      <table className="tabular min-w-max border-collapse text-right text-xs" data-testid="unit-items">
        <caption className="sr-only">{withNote(messages.itemsTable, messages.sortHint, locale)}</caption>
        <thead className="sticky top-0 z-10 bg-slate-100 text-slate-700">
          <tr>
            {/* The whole header cell is the sort button: 32 px high, a usable target on a phone. */}
            {(["itemCode", "itemName"] as const).map((key) => (
              <th
                key={key}
                className="border-b border-r border-slate-200 p-0 text-left font-medium"
                aria-sort={ariaSort(key)}
              >
                <button
                  type="button"
                  onClick={() => onSort(key)}
                  data-sort-field={key}
                  className="block min-h-8 w-full px-2 py-1.5 text-left whitespace-nowrap"
                >
                  {c[key]} {icon(key)}
                </button>
              </th>
            ))}
            {NUMERIC.map((key) => (
              <th
                key={key}
                className="border-b border-r border-slate-200 p-0 font-medium whitespace-nowrap"
                aria-sort={ariaSort(key)}
              >
                <button
                  type="button"
                  onClick={() => onSort(key)}
                  data-sort-field={key}
                  className="block min-h-8 w-full px-2 py-1.5 text-right"
                >
                  {c[key]} {icon(key)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.itemCode} data-item={row.itemCode} className="odd:bg-white even:bg-slate-50">
              <td className="border-r border-slate-100 px-2 py-1 text-left font-mono">{row.itemCode}</td>
              <th scope="row" className="max-w-[18rem] border-r border-slate-100 px-2 py-1 text-left font-normal">
                {row.segment ? (
                  <Link
                    href={`${baseHref}/${row.segment}`}
                    className="inline-block py-1 text-brand-700 underline decoration-brand-700/40 underline-offset-2 hover:decoration-brand-700"
                    lang={nameLang(locale)}
                  >
                    {row.itemName}
                  </Link>
                ) : (
                  <span title={messages.noLink} lang={nameLang(locale)}>
                    {row.itemName}
                  </span>
                )}
                {!row.inCatalogue && (
                  <span className="ml-1 text-amber-800">{paren(messages.notInCatalogue, locale)}</span>
                )}
                {row.inCatalogue && !row.inUse && (
                  <span className="ml-1 text-slate-600">{paren(messages.notInUse, locale)}</span>
                )}
              </th>
              {row.hasCases ? (
                NUMERIC.slice(0, CASE_COLUMNS).map((key) => (
                  <td key={key} className="border-r border-slate-100 px-2 py-1" data-field={key}>
                    {RATES.has(key) ? formatRate(row[key], locale) : formatCount(row[key], { locale })}
                  </td>
                ))
              ) : (
                <td
                  colSpan={CASE_COLUMNS}
                  className="border-r border-slate-100 px-2 py-1 text-center text-slate-600"
                  data-field="noCases"
                >
                  {messages.noCases}
                </td>
              )}
              <td className="border-r border-slate-100 px-2 py-1" data-field="evaluations">
                {formatCount(row.evaluations, { locale })}
              </td>
              <td className="border-r border-slate-100 px-2 py-1" data-field="activeEvaluations">
                {formatCount(row.activeEvaluations, { locale })}
              </td>
              <td className="border-r border-slate-100 px-2 py-1" data-field="satisfactionRate">
                {row.satisfactionRate === null ? "—" : formatRate(row.satisfactionRate, locale)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
