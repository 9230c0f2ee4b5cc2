// CSV files of the dashboard's tables, built from the same columns and labels
// as the pages (lib/indicators/annex-columns.ts, lib/i18n).

import { toCsv } from "@/lib/export/csv";
import { getMessages } from "@/lib/i18n/messages";
import { ANNEX_FIELDS, type AnnexField, type StatRow } from "@/lib/indicators";
import { annexColumn, isRateField } from "@/lib/indicators/annex-columns";

const FIELDS = ANNEX_FIELDS;

function header(): string[] {
  const t = getMessages();
  return FIELDS.map((field) => `${t.annex.groups[annexColumn(field).group]}·${t.annex.columns[field]}`);
}

const cell = (row: StatRow, field: AnnexField) => (isRateField(field) ? row[field].toFixed(2) : row[field]);

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
    rows.map((row) => [row.seq, row.unitName, ...FIELDS.map((f) => cell(row, f)), month]),
  );
}

/** One unit's rows over several months; demo months are marked as such. */
export function unitHistoryCsv(history: Array<{ month: string; isDemo: boolean; row: StatRow | null }>): string {
  const t = getMessages();
  return toCsv(
    [t.chart.month, t.demo.badge, ...header()],
    history.map((h) => [h.month, h.isDemo ? t.demo.badge : "", ...FIELDS.map((f) => (h.row ? cell(h.row, f) : null))]),
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
