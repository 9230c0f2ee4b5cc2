"use client";

// 附件1 / 附件2 as a table: the report's order by default, sortable by any
// column, sticky header, CSV export, top performers marked, and departments
// with no cases shown as 本月无办件 rather than a row of zeros.
import Link from "next/link";
import { useMemo, useState } from "react";
import { ANNEX_GROUPS, isRateField } from "@/lib/annex-layout";
import { toCsv } from "@/lib/export/csv";
import { formatCount, formatRate } from "@/lib/format";
import type { AnnexField } from "@/lib/indicators/types";
import type { Messages } from "@/lib/i18n/messages";

export type AnnexTableRow = Record<AnnexField, number> & {
  unitCode: string;
  unitName: string;
  seq: number;
  noCases: boolean;
  top: boolean;
};

type Sort = { field: AnnexField | "seq"; direction: "asc" | "desc" };

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
}: {
  rows: AnnexTableRow[];
  kind: "DEPARTMENT" | "DISTRICT";
  month: string;
  messages: Messages["annex"];
  fileName: string;
  /** The same table as an .xlsx in the report's layout, from the server (lib/export/xlsx.ts). */
  xlsx?: { href: string; label: string };
}) {
  const [sort, setSort] = useState<Sort>({ field: "seq", direction: "asc" });
  const sorted = useMemo(() => {
    const factor = sort.direction === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => (a[sort.field] - b[sort.field]) * factor || a.seq - b.seq);
  }, [rows, sort]);

  const onSort = (field: AnnexField | "seq") =>
    setSort((current) =>
      current.field === field
        ? { field, direction: current.direction === "desc" ? "asc" : "desc" }
        : { field, direction: field === "seq" ? "asc" : "desc" },
    );

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
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span>{messages.sortHint}</span>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => setSort({ field: "seq", direction: "asc" })}
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
      <div className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white">
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
                <th scope="row" className="sticky left-10 border-r border-slate-100 bg-inherit px-2 py-1 text-left font-normal whitespace-nowrap">
                  <Link href={`/${month}/units/${row.unitCode}`} className="text-brand-700 hover:underline">
                    {row.unitName}
                  </Link>
                  {row.top && (
                    <span className="ml-1 text-amber-700" title={messages.topMarker} aria-label={messages.topMarker} data-top>
                      ★
                    </span>
                  )}
                </th>
                {row.noCases ? (
                  <>
                    <td colSpan={NO_CASE_SPAN} className="px-2 py-1 text-center text-slate-600" data-no-cases>
                      {messages.noCases}
                    </td>
                    {FIELDS.slice(NO_CASE_SPAN).map((field) => (
                      <td key={field} className="px-2 py-1" data-field={field}>
                        {isRateField(field) ? formatRate(row[field]) : formatCount(row[field])}
                      </td>
                    ))}
                  </>
                ) : (
                  FIELDS.map((field) => (
                    <td key={field} className={`px-2 py-1 ${row[field] < 0 ? "text-rose-700" : ""}`} data-field={field}>
                      {isRateField(field) ? formatRate(row[field]) : formatCount(row[field])}
                    </td>
                  ))
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
