// Reading the preview form: unit mappings (mapName:<i> = the name as written, mapTo:<i> = the
// unit it stands for; lib/annex-upload/mapping-fields.ts) and summary figures
// (summary:<SCOPE>:<field>). Unknown keys and unparsable numbers are ignored; a count above
// what the database holds (MAX_COUNT) or not whole is ignored too.

import type { UnitMappings } from "@/lib/annex-upload/check-upload";
import { MAPPING_TARGET_FIELD, mappingFieldNames } from "@/lib/annex-upload/mapping-fields";
import { isSummaryCount } from "@/lib/annex-upload/parse/labels";
import { MAX_COUNT } from "@/lib/annex-upload/parse/limits";
import { SUMMARY_SCOPES, type SummaryForm } from "@/lib/annex-upload/publish-upload";
import { REPORTED_SUMMARY_FIELDS, type ReportedSummaryField, type SummaryScope } from "@/lib/indicators/types";

export function mappingsFrom(formData: FormData): UnitMappings {
  const out: UnitMappings = {};
  for (const [key, value] of formData) {
    const m = MAPPING_TARGET_FIELD.exec(key);
    if (!m || typeof value !== "string" || value === "") continue;
    const name = formData.get(mappingFieldNames(Number(m[1])).name);
    if (typeof name !== "string" || name === "") continue;
    if (/^(new:(DEPARTMENT|DISTRICT)|[a-z]\d{1,4})$/.test(value)) out[name] = value;
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
    if (isSummaryCount(field) && (!Number.isInteger(n) || n > MAX_COUNT)) continue;
    (out[scope] ??= {})[field] = n;
  }
  return out;
}
