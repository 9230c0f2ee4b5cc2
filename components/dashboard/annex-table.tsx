// 附件1 / 附件2 as a table: the report's order by default, sortable by any
// column, filterable (coverage below a value, no cases, overdue cases), with
// sort and filters kept in the URL; sticky header and name column, CSV export,
// top performers marked, departments with no cases shown as 本月无办件 rather
// than a row of zeros, and a rate with no base as "—" with the reason.
//
// A server component: every row is rendered here, into the static page, and the
// browser gets them as finished markup. Only the header, the filters and the row
// order are client code (components/dashboard/annex-table-view.tsx), so the page no
// longer ships and runs the cell formatting for 41 × 20 cells (市本级 scored 78 in
// Lighthouse with the whole table as a client component). Unit names are plain
// links: 41 next/link components would each hydrate and prefetch.
import { AnnexTableView, type AnnexViewLabels, type AnnexViewRow } from "@/components/dashboard/annex-table-view";
import { formatCount, formatRate } from "@/lib/i18n/format";
import { localePath } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import { pageLocale } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { ANNEX_GROUPS, isRateField } from "@/lib/indicators/annex-layout";
import { missingRateBase } from "@/lib/indicators/rate-bases";
import { ANNEX_FIELDS, type AnnexField } from "@/lib/indicators/types";

export type AnnexTableRow = Record<AnnexField, number> & {
  unitCode: string;
  unitName: string;
  seq: number;
  noCases: boolean;
  top: boolean;
};

const FIELDS = ANNEX_FIELDS;
/** Columns that the 本月无办件 cell spans: every case count and rate before the evaluations. */
const NO_CASE_SPAN = FIELDS.indexOf("activeEvaluations");

export async function AnnexTable({
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
  const r = readers;
  const locale = await pageLocale();
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
  const groupOf = new Map(ANNEX_GROUPS.flatMap((g) => g.fields.map((f) => [f, messages.groups[g.group]] as const)));
  const labels: AnnexViewLabels = {
    seq: messages.seq,
    name: nameLabel,
    region: kind === "DEPARTMENT" ? messages.departmentsTitle : messages.districtsTitle,
    groups: ANNEX_GROUPS.map((g) => messages.groups[g.group]),
    columns: FIELDS.map((f) => messages.columns[f]),
    csvHeader: [messages.seq, nameLabel, ...FIELDS.map((f) => `${groupOf.get(f)}·${messages.columns[f]}`)],
    filtersHeading: r.filters.heading,
    coverageBelow: r.filters.coverageBelow,
    noCases: r.filters.noCases,
    overdue: r.filters.overdue,
    shown: r.filters.shown,
    hint: `${messages.sortHint} ${r.filters.linkHint}`,
    reportOrder: messages.reportOrder,
    exportCsv: messages.exportCsv,
    none: r.filters.none,
  };
  const viewRows: AnnexViewRow[] = rows.map((row) => ({
    code: row.unitCode,
    name: row.unitName,
    seq: row.seq,
    noCases: row.noCases,
    values: FIELDS.map((f) => row[f]),
  }));
  const rowElements = Object.fromEntries(
    rows.map((row) => [
      row.unitCode,
      <tr
        key={row.unitCode}
        data-unit={row.unitName}
        data-code={row.unitCode}
        className="odd:bg-white even:bg-slate-50 hover:bg-brand-50"
      >
        <td className="sticky left-0 w-10 min-w-10 border-r border-slate-100 bg-inherit px-2 py-1 text-center">
          {row.seq}
        </td>
        <th
          scope="row"
          className="sticky left-10 max-w-[9.5rem] border-r border-slate-100 bg-inherit px-2 py-1 text-left font-normal sm:max-w-none sm:whitespace-nowrap"
        >
          <a
            href={localePath(locale, `/${month}/units/${row.unitCode}`)}
            className="text-brand-700 underline decoration-brand-700/40 underline-offset-2 hover:decoration-brand-700"
            lang={nameLang(locale)}
          >
            {row.unitName}
          </a>
          {row.noCases && (
            // On a phone the 本月无办件 cell can be scrolled out of view: the name column says it too.
            <span className="block text-[11px] text-slate-600 sm:hidden" aria-hidden>
              {messages.noCases}
            </span>
          )}
          {row.top && (
            <span
              className="ml-1 text-amber-700"
              role="img"
              title={messages.topMarker}
              aria-label={messages.topMarker}
              data-top
            >
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
      </tr>,
    ]),
  );

  return (
    <AnnexTableView
      kind={kind}
      month={month}
      rows={viewRows}
      rowElements={rowElements}
      labels={labels}
      fileName={fileName}
      xlsx={xlsx}
    />
  );
}
