// CSV files of the dashboard's tables, built from the same columns and labels
// as the pages (lib/indicators/annex-columns.ts, lib/i18n). A rate with no base (its base count
// is 0; "—" on the pages and in the bulletin) is an empty cell, never 0.00, and the row's last
// column says which cells are empty and why: the 19 columns stay where the report has them,
// and a program reads "no value" where a person reads the reason.

import { toCsv } from "@/lib/export/csv";
import { getMessages } from "@/lib/i18n/messages";
import { ANNEX_FIELDS, type AnnexField, type StatRow } from "@/lib/indicators";
import { annexColumn, isRateField } from "@/lib/indicators/annex-columns";
import { missingRateBase } from "@/lib/indicators/rate-bases";

const FIELDS = ANNEX_FIELDS;

function columnLabel(field: AnnexField): string {
  const t = getMessages();
  return `${t.annex.groups[annexColumn(field).group]}·${t.annex.columns[field]}`;
}

/** The 19 columns' headers, then the reason column. */
function header(): string[] {
  return [...FIELDS.map(columnLabel), getMessages().readers.states.noBaseColumn];
}

const cell = (row: StatRow, field: AnnexField) =>
  missingRateBase(row, field) ? null : isRateField(field) ? row[field].toFixed(2) : row[field];

/** "承诺件办件效率·办理提速、承诺件办件效率·提前办结：本月无承诺件办结，该比率没有基数" (one clause per base). */
export function noBaseReasons(row: StatRow): string {
  const reasons = getMessages().readers.states.noBaseReason;
  const byBase = new Map<keyof typeof reasons, string[]>();
  for (const field of FIELDS) {
    const base = missingRateBase(row, field) as keyof typeof reasons | null;
    if (base) byBase.set(base, [...(byBase.get(base) ?? []), columnLabel(field)]);
  }
  return [...byBase].map(([base, columns]) => `${columns.join("、")}：${reasons[base]}`).join("；");
}

/** One row's cells: the 19 columns, then why any of them is empty. */
const cells = (row: StatRow) => [...FIELDS.map((f) => cell(row, f)), noBaseReasons(row)];

/**
 * 附件1 or 附件2 of one month. The last column is the month on every row: the annex upload
 * (lib/annex-upload/parse) reads the file back as it is, group and column joined by · in one
 * header cell, and takes its month from that column (issue 19: it was UNKNOWN_LAYOUT, then
 * NO_MONTH, the month being only in the file's name).
 */
export function annexCsv(rows: StatRow[], kind: "DEPARTMENT" | "DISTRICT", month: string): string {
  const t = getMessages();
  return toCsv(
    [t.annex.seq, kind === "DEPARTMENT" ? t.annex.department : t.annex.district, ...header(), t.chart.month],
    rows.map((row) => [row.seq, row.unitName, ...cells(row), month]),
  );
}

/** One unit's rows over several months; demo months are marked as such. */
export function unitHistoryCsv(history: Array<{ month: string; isDemo: boolean; row: StatRow | null }>): string {
  const t = getMessages();
  return toCsv(
    [t.chart.month, t.demo.badge, ...header()],
    history.map((h) => [h.month, h.isDemo ? t.demo.badge : "", ...(h.row ? cells(h.row) : FIELDS.map(() => null))]),
  );
}

export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
