"use client";

// The annex table: the sortable header, the filters, the CSV export and the rows. The rows
// arrive once, as each unit's figures in one compact array (components/dashboard/annex-table.tsx
// prepares them), and are drawn here, into the static page's HTML by the server render and by
// hydration in the browser. Before (issue 23), the server sent every row as finished elements
// (in the HTML and again, cell by cell with its classes, in the RSC payload) beside the same
// figures for sorting: 市本级 weighed 486 kB. The cells carry no classes: one rule for the
// table (.annex-table in globals.css) styles them. The static page renders the report's order;
// a view in the URL applies once in the browser.
import { useEffect, useId, useMemo, useState } from "react";
import {
  type AnnexFilters,
  type AnnexSort,
  type AnnexViewState,
  DEFAULT_VIEW,
  passesFilters,
  readViewState,
  writeViewState,
} from "@/components/dashboard/annex-view-state";
import { toCsv } from "@/lib/export/csv";
import { fill } from "@/lib/i18n/fill";
import { formatCount, formatRate } from "@/lib/i18n/format";
import { ANNEX_GROUPS, isRateField } from "@/lib/indicators/annex-layout";
import { ANNEX_FIELDS, type AnnexField } from "@/lib/indicators/types";

const FIELDS = ANNEX_FIELDS;
const FIELD_INDEX = new Map(FIELDS.map((field, i) => [field, i]));

/** One unit for the island: its figures in FIELDS order (ANNEX_GROUPS), not one object per cell. */
export type AnnexViewRow = {
  code: string;
  name: string;
  seq: number;
  noCases: boolean;
  /** One of the top performers (★). */
  top?: boolean;
  values: number[];
  /** The rates with no base: index in FIELDS → the count that is 0 (a key of `labels.noBase`). */
  noBase?: Record<number, string>;
};

export type AnnexViewLabels = {
  seq: string;
  name: string;
  region: string;
  /** Group headings, in ANNEX_GROUPS order. */
  groups: string[];
  /** Column headings, in FIELDS order. */
  columns: string[];
  /** The CSV's header row. */
  csvHeader: string[];
  filtersHeading: string;
  coverageBelow: string;
  noCases: string;
  overdue: string;
  /** "显示 {shown} / {total} 个单位" */
  shown: string;
  hint: string;
  reportOrder: string;
  exportCsv: string;
  none: string;
  /** 本月无办件 */
  noCasesCell: string;
  topMarker: string;
  /** Why a rate has no base, by the count that is 0. */
  noBase: Record<string, string>;
  /** The unit pages' path up to the code, in the page's language: "/en/2021-06/units/". */
  unitPath: string;
  /** lang of the units' names (zh-CN on a page in another language). */
  nameLang?: string;
};

/** Columns that the 本月无办件 cell spans: every case count and rate before the evaluations. */
const NO_CASE_SPAN = FIELDS.indexOf("activeEvaluations");
const formatCell = (field: AnnexField, value: number) => (isRateField(field) ? formatRate(value) : formatCount(value));

function AnnexRow({ row, labels }: { row: AnnexViewRow; labels: AnnexViewLabels }) {
  const cell = (field: AnnexField, i: number) => {
    const missing = row.noBase?.[i];
    if (missing) {
      const reason = labels.noBase[missing];
      return (
        <td key={field} data-field={field} data-no-base title={reason}>
          <span aria-hidden>—</span>
          <span className="sr-only">{reason}</span>
        </td>
      );
    }
    const value = row.values[i]!;
    return (
      <td key={field} data-field={field} data-negative={value < 0 || undefined}>
        {formatCell(field, value)}
      </td>
    );
  };
  return (
    <tr data-unit={row.name} data-code={row.code}>
      <td>{row.seq}</td>
      <th scope="row">
        <a href={labels.unitPath + row.code} lang={labels.nameLang}>
          {row.name}
        </a>
        {row.noCases && (
          // On a phone the 本月无办件 cell can be scrolled out of view: the name column says it too.
          <span className="annex-no-cases-note" aria-hidden>
            {labels.noCasesCell}
          </span>
        )}
        {row.top && (
          <span className="annex-top" role="img" title={labels.topMarker} aria-label={labels.topMarker} data-top>
            ★
          </span>
        )}
      </th>
      {row.noCases ? (
        <>
          <td colSpan={NO_CASE_SPAN} data-no-cases>
            <span>{labels.noCasesCell}</span>
          </td>
          {FIELDS.slice(NO_CASE_SPAN).map((field, i) => (
            <td key={field} data-field={field}>
              {formatCell(field, row.values[NO_CASE_SPAN + i]!)}
            </td>
          ))}
        </>
      ) : (
        FIELDS.map(cell)
      )}
    </tr>
  );
}

const cellValue = (row: AnnexViewRow, field: AnnexField | "seq") =>
  field === "seq" ? row.seq : row.values[FIELD_INDEX.get(field)!]!;

export function AnnexTableView({
  kind,
  month,
  rows,
  labels,
  fileName,
  xlsx,
}: {
  kind: "DEPARTMENT" | "DISTRICT";
  month: string;
  rows: AnnexViewRow[];
  labels: AnnexViewLabels;
  fileName: string;
  xlsx?: { href: string; label: string };
}) {
  const [view, setView] = useState<AnnexViewState>(DEFAULT_VIEW);
  useEffect(() => {
    // Only a view in the URL re-renders; the report's order is what the server sent.
    const fromUrl = readViewState(window.location.search);
    if (writeViewState("", fromUrl) !== "") setView(fromUrl);
  }, []);
  const update = (next: AnnexViewState) => {
    setView(next);
    window.history.replaceState(
      window.history.state,
      "",
      `${window.location.pathname}${writeViewState(window.location.search, next)}${window.location.hash}`,
    );
  };
  const { sort, filters } = view;
  const setSort = (next: (current: AnnexSort) => AnnexSort) => update({ ...view, sort: next(sort) });
  const setFilters = (next: Partial<AnnexFilters>) => update({ ...view, filters: { ...filters, ...next } });
  const shown = useMemo(() => {
    const factor = sort.direction === "asc" ? 1 : -1;
    return rows
      .filter((row) =>
        passesFilters(
          {
            coverageRate: cellValue(row, "coverageRate"),
            noCases: row.noCases,
            overdueCompleted: cellValue(row, "overdueCompleted"),
            promisedOverdueCompleted: cellValue(row, "promisedOverdueCompleted"),
            onlinePromisedOverdueCompleted: cellValue(row, "onlinePromisedOverdueCompleted"),
          },
          filters,
        ),
      )
      .sort((a, b) => (cellValue(a, sort.field) - cellValue(b, sort.field)) * factor || a.seq - b.seq);
  }, [rows, sort, filters]);
  const filterId = useId();

  const onSort = (field: AnnexField | "seq") =>
    setSort((current) =>
      current.field === field
        ? { field, direction: current.direction === "desc" ? "asc" : "desc" }
        : { field, direction: field === "seq" ? "asc" : "desc" },
    );

  const exportCsv = () => {
    const body = shown.map((row) => [
      row.seq,
      row.name,
      ...FIELDS.map((f) => (isRateField(f) ? cellValue(row, f).toFixed(2) : cellValue(row, f))),
    ]);
    const blob = new Blob([toCsv(labels.csvHeader, body)], { type: "text/csv;charset=utf-8" });
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
      <fieldset
        className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm print:hidden"
        data-testid="annex-filters"
      >
        <legend className="px-1 text-xs font-semibold text-slate-700">{labels.filtersHeading}</legend>
        <label className="flex items-center gap-2" htmlFor={`${filterId}-below`}>
          <span>{labels.coverageBelow}</span>
          <input
            id={`${filterId}-below`}
            type="number"
            min={0}
            max={100}
            step={1}
            inputMode="decimal"
            className="w-20 rounded border border-slate-300 bg-white px-2 py-0.5 text-slate-900"
            value={filters.coverageBelow ?? ""}
            onChange={(event) =>
              setFilters({ coverageBelow: event.target.value === "" ? null : Number(event.target.value) || null })
            }
            data-filter="below"
          />
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={filters.noCases}
            onChange={(event) => setFilters({ noCases: event.target.checked })}
            data-filter="nocases"
          />
          {labels.noCases}
        </label>
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(event) => setFilters({ overdue: event.target.checked })}
            data-filter="overdue"
          />
          {labels.overdue}
        </label>
        <span className="text-xs text-slate-600" aria-live="polite" data-testid="annex-shown">
          {fill(labels.shown, { shown: shown.length, total: rows.length })}
        </span>
      </fieldset>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 print:hidden">
        <span>{labels.hint}</span>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => update(DEFAULT_VIEW)}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-700 hover:bg-slate-50"
          >
            {labels.reportOrder}
          </button>
          <button
            type="button"
            onClick={exportCsv}
            className="rounded border border-brand-600 bg-brand-600 px-2 py-1 text-white hover:bg-brand-700"
            data-testid="export-csv"
          >
            {labels.exportCsv}
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
      <section
        className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white"
        tabIndex={0}
        aria-label={labels.region}
      >
        <table
          className="annex-table tabular min-w-max border-collapse text-right text-xs"
          data-testid={`annex-${kind.toLowerCase()}`}
          data-month={month}
        >
          <thead className="sticky top-0 z-10 bg-slate-100 text-slate-700">
            <tr>
              <th
                rowSpan={2}
                className="sticky left-0 z-20 w-10 min-w-10 border-b border-r border-slate-200 bg-slate-100 px-2 py-1 text-center"
                aria-sort={ariaSort("seq")}
              >
                <button type="button" onClick={() => onSort("seq")} className="font-semibold">
                  {labels.seq} {sortIcon("seq")}
                </button>
              </th>
              <th
                rowSpan={2}
                className="sticky left-10 z-20 border-b border-r border-slate-200 bg-slate-100 px-2 py-1 text-left"
              >
                {labels.name}
              </th>
              {ANNEX_GROUPS.map((g, i) => (
                <th
                  key={g.group}
                  colSpan={g.fields.length}
                  className="border-b border-r border-slate-200 px-2 py-1 text-center font-semibold"
                >
                  {labels.groups[i]}
                </th>
              ))}
            </tr>
            <tr>
              {FIELDS.map((field, i) => (
                <th
                  key={field}
                  className="border-b border-r border-slate-200 px-2 py-1 font-medium whitespace-nowrap"
                  aria-sort={ariaSort(field)}
                >
                  <button type="button" onClick={() => onSort(field)} data-sort-field={field}>
                    {labels.columns[i]} {sortIcon(field)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <AnnexRow key={row.code} row={row} labels={labels} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 && (
          <p className="p-4 text-sm text-slate-700" data-testid="annex-none">
            {labels.none}
          </p>
        )}
      </section>
    </div>
  );
}
