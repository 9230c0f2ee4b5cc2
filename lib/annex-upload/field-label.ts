import { summaryFieldLabel } from "@/lib/annex-upload/parse/labels";
import type { Messages } from "@/lib/i18n/messages";
import { REPORTED_SUMMARY_FIELDS, type ReportedSummaryField } from "@/lib/indicators/types";

/** The Chinese label of an annex or summary field, for diffs and forms. */
export function fieldLabel(t: Messages, field: string): string {
  if (field === "seq") return "序号";
  const annex = (t.fields as Record<string, string>)[field];
  if (annex) return annex;
  const extra = (t.import.fields as Record<string, string>)[field];
  if (extra) return extra;
  if ((REPORTED_SUMMARY_FIELDS as readonly string[]).includes(field))
    return summaryFieldLabel(field as ReportedSummaryField);
  return field;
}
