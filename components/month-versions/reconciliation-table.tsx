"use client";

// The reconciliation's cells, one row per unit × column, sortable by unit, column, the size of
// the difference or the result. The values arrive formatted from the server (lib/i18n/format.ts), with
// the numbers beside them to sort on. Every cell of every unit (?all=1) is ~900 rows: the table
// shows them a page at a time (sorting still orders all of them), so that the page stays light to
// render and to check (axe took over 60 s on the whole table on a busy machine).
import { useMemo, useState } from "react";
import { useLocale } from "@/components/ui/locale-link";
import { fill } from "@/lib/i18n/fill";
import type { Messages } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";
import type { ReconciliationViewRow } from "@/lib/month-versions/reconciliation/reconciliation-view";

export type ReconciliationTableRow = ReconciliationViewRow;

type SortKey = "unit" | "field" | "magnitude" | "status";
type Sort = { key: SortKey; direction: "asc" | "desc" };

/** Rows on one page of the table. */
export const RECONCILIATION_PAGE_SIZE = 100;

export function ReconciliationTable({ rows, t }: { rows: ReconciliationTableRow[]; t: Messages["reconciliation"] }) {
  const [sort, setSort] = useState<Sort>({ key: "unit", direction: "asc" });
  const [page, setPage] = useState(1);
  const zh = nameLang(useLocale());
  const sorted = useMemo(() => {
    const factor = sort.direction === "asc" ? 1 : -1;
    const byUnit = (a: ReconciliationTableRow, b: ReconciliationTableRow) =>
      a.unitOrder - b.unitOrder || a.fieldOrder - b.fieldOrder;
    const compare: Record<SortKey, (a: ReconciliationTableRow, b: ReconciliationTableRow) => number> = {
      unit: byUnit,
      field: (a, b) => a.fieldOrder - b.fieldOrder || a.unitOrder - b.unitOrder,
      magnitude: (a, b) => a.magnitude - b.magnitude,
      status: (a, b) => Number(a.differs) - Number(b.differs),
    };
    return [...rows].sort((a, b) => factor * compare[sort.key](a, b) || byUnit(a, b));
  }, [rows, sort]);
  const pages = Math.max(1, Math.ceil(sorted.length / RECONCILIATION_PAGE_SIZE));
  const shown = sorted.slice((page - 1) * RECONCILIATION_PAGE_SIZE, page * RECONCILIATION_PAGE_SIZE);
  const onSort = (key: SortKey) => {
    setPage(1);
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === "asc" ? "desc" : "asc" }
        : { key, direction: key === "magnitude" ? "desc" : "asc" },
    );
  };
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.direction === "asc" ? "ascending" : "descending") : undefined;
  const icon = (key: SortKey) => (sort.key === key ? (sort.direction === "asc" ? "▲" : "▼") : "");
  const c = t.columns;
  // The whole header cell is the sort button: a target of 32 px or more, on a phone too.
  const header = (key: SortKey, label: string, align = "text-left") => (
    <th scope="col" className={`p-0 ${align}`} aria-sort={ariaSort(key)}>
      <button
        type="button"
        onClick={() => onSort(key)}
        className={`block min-h-8 w-full px-2 py-1.5 font-semibold whitespace-nowrap ${align}`}
        data-sort={key}
      >
        {label} <span aria-hidden="true">{icon(key)}</span>
      </button>
    </th>
  );
  if (rows.length === 0)
    return (
      <p className="text-sm" data-testid="reconciliation-none">
        {t.none}
      </p>
    );
  const pageButton = "min-h-8 rounded border border-slate-300 px-3 py-1 disabled:opacity-50";
  return (
    <>
      {/* On a narrow screen the table keeps its columns whole and scrolls in this region (focusable,
    named), instead of breaking unit names one character to a line. */}
      <section
        className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        aria-label={t.tableCaption}
        data-testid="reconciliation-region"
      >
        <table
          className="tabular w-full min-w-max text-left text-sm whitespace-nowrap"
          data-testid="reconciliation-table"
        >
          <caption className="sr-only">{t.tableCaption}</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              {header("unit", c.unit)}
              <th scope="col" className="px-2 py-1">
                {c.kind}
              </th>
              {header("field", c.field)}
              <th scope="col" className="px-2 py-1 text-right">
                {c.cases}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {c.annex}
              </th>
              {header("magnitude", c.difference, "text-right")}
              <th scope="col" className="px-2 py-1">
                {c.basis}
              </th>
              {header("status", c.status)}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={row.key}
                className={`border-t border-slate-100 ${row.differs ? "bg-amber-50" : ""}`}
                data-unit={row.unitName}
                data-field={row.field}
                data-differs={row.differs}
              >
                <th scope="row" className="px-2 py-1 font-normal" lang={zh}>
                  {row.unitName}
                </th>
                <td className="px-2 py-1">{row.kindLabel}</td>
                <td className="px-2 py-1">{row.fieldLabel}</td>
                <td className="px-2 py-1 text-right font-mono" data-cell="cases">
                  {row.cases}
                </td>
                <td className="px-2 py-1 text-right font-mono" data-cell="annex">
                  {row.annex}
                </td>
                <td className="px-2 py-1 text-right font-mono" data-cell="difference">
                  {row.difference}
                </td>
                <td className="px-2 py-1">{row.basis}</td>
                <td className="px-2 py-1">
                  {row.differs ? <strong className="text-rose-800">{t.differs}</strong> : t.same}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {pages > 1 && (
        <nav
          aria-label={t.pagesLabel}
          className="flex flex-wrap items-center gap-3 text-sm"
          data-testid="reconciliation-pages"
        >
          <button type="button" className={pageButton} disabled={page === 1} onClick={() => setPage(page - 1)}>
            {t.previousPage}
          </button>
          <span aria-live="polite" data-testid="reconciliation-page-status">
            {fill(t.pageStatus, { page, pages, rows: sorted.length })}
          </span>
          <button type="button" className={pageButton} disabled={page === pages} onClick={() => setPage(page + 1)}>
            {t.nextPage}
          </button>
        </nav>
      )}
    </>
  );
}
