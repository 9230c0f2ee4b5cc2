// Reading the preview form: unit mappings (map:<name as written>) and summary figures
// (summary:<SCOPE>:<field>). Unknown keys and unparsable numbers are ignored.
import { REPORTED_SUMMARY_FIELDS, type ReportedSummaryField, type SummaryScope } from "@/lib/indicators/types";
import type { UnitMappings } from "@/lib/uploads/check-upload";
import { SUMMARY_SCOPES, type SummaryForm } from "@/lib/uploads/publish-upload";

export function mappingsFrom(formData: FormData): UnitMappings {
  const out: UnitMappings = {};
  for (const [key, value] of formData) {
    if (!key.startsWith("map:") || typeof value !== "string" || value === "") continue;
    if (/^(new:(DEPARTMENT|DISTRICT)|[a-z]\d{1,4})$/.test(value)) out[key.slice(4)] = value;
  }
  return out;
}

export function summaryFormFrom(formData: FormData): SummaryForm {
  const out: SummaryForm = {};
  for (const [key, value] of formData) {
    const m = /^summary:(CITY|MUNICIPAL|DISTRICTS):(\w+)$/.exec(key);
    if (!m || typeof value !== "string" || value.trim() === "") continue;
    const scope = m[1] as SummaryScope;
    const field = m[2] as ReportedSummaryField;
    if (!SUMMARY_SCOPES.includes(scope) || !(REPORTED_SUMMARY_FIELDS as readonly string[]).includes(field)) continue;
    const n = Number(value.trim().replace(/[,，%％]/g, ""));
    if (!Number.isFinite(n) || n < 0) continue;
    (out[scope] ??= {})[field] = n;
  }
  return out;
}
