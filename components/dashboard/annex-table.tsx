// 附件1 / 附件2 as a table: the report's order by default, sortable by any
// column, filterable (coverage below a value, no cases, overdue cases), with
// sort and filters kept in the URL; sticky header and name column, CSV export,
// top performers marked, departments with no cases shown as 本月无办件 rather
// than a row of zeros, and a rate with no base as "—" with the reason.
//
// The server prepares the rows as each unit's figures in one compact array and the labels
// once; the client view (components/dashboard/annex-table-view.tsx) draws them into the static
// page's HTML and hydrates them. Sent as finished elements, every cell travelled twice (HTML
// and RSC payload, with its classes): 486 kB for 市本级 (issue 23). Unit names are plain
// links: 41 next/link components would each hydrate and prefetch.
import { AnnexTableView, type AnnexViewLabels, type AnnexViewRow } from "@/components/dashboard/annex-table-view";
import { localePath } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import { pageLocale } from "@/lib/i18n/page-locale";
import { nameLang } from "@/lib/i18n/punctuation";
import { ANNEX_GROUPS } from "@/lib/indicators/annex-layout";
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
    noCasesCell: messages.noCases,
    topMarker: messages.topMarker,
    noBase: r.states.noBaseReason,
    unitPath: localePath(locale, `/${month}/units/`),
    nameLang: nameLang(locale),
  };
  const viewRows: AnnexViewRow[] = rows.map((row) => {
    const noBase: Record<number, string> = {};
    FIELDS.forEach((field, i) => {
      const missing = missingRateBase(row, field);
      if (missing) noBase[i] = missing;
    });
    return {
      code: row.unitCode,
      name: row.unitName,
      seq: row.seq,
      noCases: row.noCases,
      ...(row.top ? { top: true } : {}),
      values: FIELDS.map((f) => row[f]),
      ...(Object.keys(noBase).length > 0 ? { noBase } : {}),
    };
  });
  return <AnnexTableView kind={kind} month={month} rows={viewRows} labels={labels} fileName={fileName} xlsx={xlsx} />;
}
