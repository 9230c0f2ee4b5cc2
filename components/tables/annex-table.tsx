"use client";

// 附件1 / 附件2 as a table: the report's order by default, sortable by any
// column, filterable (coverage below a value, no cases, overdue cases), with
// sort and filters kept in the URL; sticky header and name column, CSV export,
// top performers marked, departments with no cases shown as 本月无办件 rather
// than a row of zeros, and a rate with no base as "—" with the reason.
import Link from "@/components/ui/locale-link";
import { useEffect, useId, useMemo, useState } from "react";
import { DEFAULT_VIEW, passesFilters, readViewState, writeViewState, type AnnexFilters, type AnnexSort, type AnnexViewState } from "@/components/tables/annex-view-state";
import { ANNEX_GROUPS, isRateField } from "@/lib/annex-layout";
import { toCsv } from "@/lib/export/csv";
import { formatCount, formatRate } from "@/lib/format";
import { missingRateBase } from "@/lib/indicators/rate-bases";
import type { AnnexField } from "@/lib/indicators/types";
import { fill, type Messages } from "@/lib/i18n/messages";

export type AnnexTableRow = Record<AnnexField, number> & {
  unitCode: string;
  unitName: string;
  seq: number;
  noCases: boolean;
  top: boolean;
};


const FIELDS: AnnexField[] = ANNEX_GROUPS.flatMap((g) => g.fields);
/** Columns that the 本月无办件 cell spans: every case count and rate before the evaluations. */
const NO_CASE_SPAN = FIELDS.indexOf("activeEvaluations");

export function AnnexTable({
  rows,
  kind,
  month,
  messages,
  fileName,
  xlsx,
  readers,
}: {
  rows: AnnexTableRow[];
  kind: "DEPARTMENT" | "DISTRICT";
  month: string;
  messages: Messages["annex"];
  fileName: string;
  /** The same table as an .xlsx in the report's layout, from the server (lib/export/xlsx.ts). */
  xlsx?: { href: string; label: string };
  readers: Messages["readers"];
}) {
  // The static page renders the report's order; the URL's view applies once in the browser.
  const [view, setView] = useState<AnnexViewState>(DEFAULT_VIEW);
  useEffect(() => setView(readViewState(window.location.search)), []);
  const update = (next: AnnexViewState) => {
    setView(next);
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${writeViewState(window.location.search, next)}${window.location.hash}`);
  };
  const { sort, filters } = view;
  const setSort = (next: (current: AnnexSort) => AnnexSort) => update({ ...view, sort: next(sort) });
  const setFilters = (next: Partial<AnnexFilters>) => update({ ...view, filters: { ...filters, ...next } });
  const sorted = useMemo(() => {
    const factor = sort.direction === "asc" ? 1 : -1;
    return rows.filter((row) => passesFilters(row, filters)).sort((a, b) => (a[sort.field] - b[sort.field]) * factor || a.seq - b.seq);
  }, [rows, sort, filters]);
  const filterId = useId();
  const r = readers;

  const onSort = (field: AnnexField | "seq") =>
    setSort((current) =>
      current.field === field
        ? { field, direction: current.direction === "desc" ? "asc" : "desc" }
        : { field, direction: field === "seq" ? "asc" : "desc" },
    );

  const cell = (row: AnnexTableRow, field: AnnexField) => {
    const missing = missingRateBase(row, field);
    if (missing) {
      const reason = r.states.noBaseReason[missing as keyof typeof r.states.noBaseReason];
      return (
        <td key={field} className="px-2 py-1 text-slate-600" data-field={field} data-no-base title={reason}>
          <span aria-hidden>—</span>
          <span className="sr-only">{reason}</span>
        </td>
      );
    }
    return (
      <td key={field} className={`px-2 py-1 ${row[field] < 0 ? "text-rose-700" : ""}`} data-field={field}>
        {isRateField(field) ? formatRate(row[field]) : formatCount(row[field])}
      </td>
    );
  };

  const nameLabel = kind === "DEPARTMENT" ? messages.department : messages.district;
  const columnLabel = (field: AnnexField) => messages.columns[field];
  const groupOf = new Map(ANNEX_GROUPS.flatMap((g) => g.fields.map((f) => [f, messages.groups[g.group]] as const)));

  const exportCsv = () => {
    const header = [messages.seq, nameLabel, ...FIELDS.map((f) => `${groupOf.get(f)}·${columnLabel(f)}`)];
    const body = sorted.map((row) => [row.seq, row.unitName, ...FIELDS.map((f) => (isRateField(f) ? row[f].toFixed(2) : row[f]))]);
    const blob = new Blob([toCsv(header, body)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  };

  const ariaSort = (field: AnnexField | "seq") =>
    sort.field === field ? (sort.direction === "asc" ? "ascending" : "descending") : "none";
  const sortIcon = (field: AnnexField | "seq") => (sort.field === field ? (sort.direction === "asc" ? "↑" : "↓") : "");

  return (
    <div>
      <fieldset className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm print:hidden" data-testid="annex-filters">
        <legend className="px-1 text-xs font-semibold text-slate-700">{r.filters.heading}</legend>
        <label className="flex items-center gap-2" htmlFor={`${filterId}-below`}>
          <span>{r.filters.coverageBelow}</span>
          <input
            id={`${filterId}-below`}
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="decimal"
            className="w-20 rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-900"
            value={filters.coverageBelow ?? ""}
            onChange={(event) => setFilters({ coverageBelow: event.target.value === "" ? null : Number(event.target.value) || null })}
            data-filter="below"
          />
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={filters.noCases} onChange={(event) => setFilters({ noCases: event.target.checked })} data-filter="nocases" />
          {r.filters.noCases}
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={filters.overdue} onChange={(event) => setFilters({ overdue: event.target.checked })} data-filter="overdue" />
          {r.filters.overdue}
        </label>
        <span className="text-xs text-slate-600" aria-live="polite" data-testid="annex-shown">
          {fill(r.filters.shown, { shown: sorted.length, total: rows.length })}
        </span>
      </fieldset>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 print:hidden">
        <span>
          {messages.sortHint} {r.filters.linkHint}
        </span>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => update(DEFAULT_VIEW)}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-700 hover:bg-slate-50"
          >
            {messages.reportOrder}
          </button>
          <button
            type="button"
            onClick={exportCsv}
            className="rounded border border-brand-600 bg-brand-600 px-2 py-1 text-white hover:bg-brand-700"
            data-testid="export-csv"
          >
            {messages.exportCsv}
          </button>
          {xlsx && (
            <a
              href={xlsx.href}
              download
              className="rounded border border-brand-600 bg-white px-2 py-1 text-brand-700 hover:bg-brand-50"
              data-testid="export-xlsx"
            >
              {xlsx.label}
            </a>
          )}
        </div>
      </div>
      <div
        className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        role="region"
        aria-label={`${kind === "DEPARTMENT" ? messages.departmentsTitle : messages.districtsTitle}`}
      >
        <table className="tabular min-w-max border-collapse text-right text-xs" data-testid={`annex-${kind.toLowerCase()}`} data-month={month}>
          <thead className="sticky top-0 z-10 bg-slate-100 text-slate-700">
            <tr>
              <th rowSpan={2} className="sticky left-0 z-20 w-10 min-w-10 border-b border-r border-slate-200 bg-slate-100 px-2 py-1 text-center" aria-sort={ariaSort("seq")}>
                <button type="button" onClick={() => onSort("seq")} className="font-semibold">
                  {messages.seq} {sortIcon("seq")}
                </button>
              </th>
              <th rowSpan={2} className="sticky left-10 z-20 border-b border-r border-slate-200 bg-slate-100 px-2 py-1 text-left">
                {nameLabel}
              </th>
              {ANNEX_GROUPS.map((g) => (
                <th key={g.group} colSpan={g.fields.length} className="border-b border-r border-slate-200 px-2 py-1 text-center font-semibold">
                  {messages.groups[g.group]}
                </th>
              ))}
            </tr>
            <tr>
              {FIELDS.map((field) => (
                <th key={field} className="border-b border-r border-slate-200 px-2 py-1 font-medium whitespace-nowrap" aria-sort={ariaSort(field)}>
                  <button type="button" onClick={() => onSort(field)} data-sort-field={field}>
                    {columnLabel(field)} {sortIcon(field)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.unitCode} data-unit={row.unitName} data-code={row.unitCode} className="odd:bg-white even:bg-slate-50 hover:bg-brand-50">
                <td className="sticky left-0 w-10 min-w-10 border-r border-slate-100 bg-inherit px-2 py-1 text-center">{row.seq}</td>
                <th scope="row" className="sticky left-10 max-w-[9.5rem] border-r border-slate-100 bg-inherit px-2 py-1 text-left font-normal sm:max-w-none sm:whitespace-nowrap">
                  <Link href={`/${month}/units/${row.unitCode}`} className="text-brand-700 underline decoration-brand-700/40 underline-offset-2 hover:decoration-brand-700">
                    {row.unitName}
                  </Link>
                  {row.noCases && (
                    // On a phone the 本月无办件 cell can be scrolled out of view: the name column says it too.
                    <span className="block text-[11px] text-slate-600 sm:hidden" aria-hidden>
                      {messages.noCases}
                    </span>
                  )}
                  {row.top && (
                    <span className="ml-1 text-amber-700" title={messages.topMarker} aria-label={messages.topMarker} data-top>
                      ★
                    </span>
                  )}
                </th>
                {row.noCases ? (
                  <>
                    <td colSpan={NO_CASE_SPAN} className="px-2 py-1 text-left text-slate-600" data-no-cases>
                      <span className="sticky left-48 inline-block sm:static">{messages.noCases}</span>
                    </td>
                    {FIELDS.slice(NO_CASE_SPAN).map((field) => (
                      <td key={field} className="px-2 py-1" data-field={field}>
                        {isRateField(field) ? formatRate(row[field]) : formatCount(row[field])}
                      </td>
                    ))}
                  </>
                ) : (
                  FIELDS.map((field) => cell(row, field))
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {sorted.length === 0 && <p className="p-4 text-sm text-slate-700" data-testid="annex-none">{r.filters.none}</p>}
      </div>
    </div>
  );
}
