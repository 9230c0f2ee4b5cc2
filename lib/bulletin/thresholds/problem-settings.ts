// The thresholds of the 存在的问题 rules (lib/indicators/problems.ts) as an admin setting:
// stored as one JSON value in `Setting` under PROBLEM_SETTINGS_KEY, edited on
// /admin/settings. Pure: the form parser (zod) and the reader of the stored value.
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/action-client/form-state";
import {
  DEFAULT_PROBLEM_SETTINGS,
  PROBLEM_KINDS,
  type ProblemKind,
  type ProblemSettings,
} from "@/lib/indicators/problems";

export const PROBLEM_SETTINGS_KEY = "report.problemThresholds";

/** A threshold in % or percentage points: a number with at most 2 decimals. */
const threshold = (max: number, what: string) =>
  z.coerce
    .number({ message: `${what}须为数字` })
    .refine(Number.isFinite, `${what}须为数字`)
    .min(0, `${what}不能小于 0`)
    .max(max, `${what}不能大于 ${max}`)
    .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, `${what}最多保留两位小数`);

/** The stored shape: every field required (what the form always writes). */
export const problemSettingsSchema = z.object({
  coverageRateBelow: threshold(100, "办件覆盖率阈值"),
  evaluationRateDropAbove: threshold(1000, "主动评价率降幅阈值"),
  catalogClaimRateBelow: threshold(100, "认领率阈值"),
  enabled: z.object(
    Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, z.boolean()])) as Record<ProblemKind, z.ZodBoolean>,
  ),
});

/** Form field names of the rule switches: "enabled.lowCoverage", … (checkboxes: present = on). */
export const enabledFieldName = (kind: ProblemKind) => `enabled.${kind}`;

const formBlank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * What problemSettingsSchema reads of the settings form (FormData entries). Numbers accept
 * "50", "50.5", " 50 % "; a blank number is an error, not 0; a switch is on when present.
 */
export function problemSettingsInput(entries: Iterable<[string, FormDataEntryValue]>) {
  const form = new Map<string, string>();
  for (const [key, value] of entries) if (typeof value === "string") form.set(key, value);
  const number = (key: string) => {
    const raw = formBlank(form.get(key)?.replace(/[%％\s]/g, ""));
    return raw === undefined ? Number.NaN : raw;
  };
  return {
    coverageRateBelow: number("coverageRateBelow"),
    evaluationRateDropAbove: number("evaluationRateDropAbove"),
    catalogClaimRateBelow: number("catalogClaimRateBelow"),
    enabled: Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, form.has(enabledFieldName(kind))])),
  };
}

/** The settings form → ProblemSettings, or field errors keyed by the form's field names. */
export function parseProblemSettingsForm(
  entries: Iterable<[string, FormDataEntryValue]>,
): { ok: true; settings: ProblemSettings } | { ok: false; fieldErrors: Record<string, string[]> } {
  const parsed = problemSettingsSchema.safeParse(problemSettingsInput(entries));
  return parsed.success
    ? { ok: true, settings: parsed.data }
    : { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues) };
}

/**
 * The stored JSON → ProblemSettings. Tolerant: a field missing or invalid (an older or
 * hand-edited value) takes its default, so a bad row never stops the pages; `invalid` lists
 * the fields that did.
 */
export function readStoredProblemSettings(value: unknown): { settings: ProblemSettings; invalid: string[] } {
  const stored =
    typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const invalid: string[] = [];
  const shape = problemSettingsSchema.shape;
  const numberField = (key: "coverageRateBelow" | "evaluationRateDropAbove" | "catalogClaimRateBelow"): number => {
    if (stored[key] === undefined) return DEFAULT_PROBLEM_SETTINGS[key];
    const parsed = shape[key].safeParse(stored[key]);
    if (parsed.success && typeof stored[key] === "number") return parsed.data;
    invalid.push(key);
    return DEFAULT_PROBLEM_SETTINGS[key];
  };
  const coverageRateBelow = numberField("coverageRateBelow");
  const evaluationRateDropAbove = numberField("evaluationRateDropAbove");
  const catalogClaimRateBelow = numberField("catalogClaimRateBelow");
  const enabledStored =
    typeof stored.enabled === "object" && stored.enabled !== null ? (stored.enabled as Record<string, unknown>) : {};
  if (stored.enabled !== undefined && (typeof stored.enabled !== "object" || stored.enabled === null))
    invalid.push("enabled");
  const enabled = { ...DEFAULT_PROBLEM_SETTINGS.enabled };
  for (const kind of PROBLEM_KINDS) {
    const v = enabledStored[kind];
    if (typeof v === "boolean") enabled[kind] = v;
    else if (v !== undefined) invalid.push(`enabled.${kind}`);
  }
  return {
    settings: { coverageRateBelow, evaluationRateDropAbove, catalogClaimRateBelow, enabled },
    invalid,
  };
}

/** The fields that differ between two settings, for the audit record. */
export function changedSettings(before: ProblemSettings, after: ProblemSettings): string[] {
  const changed: string[] = [];
  for (const key of ["coverageRateBelow", "evaluationRateDropAbove", "catalogClaimRateBelow"] as const) {
    if (before[key] !== after[key]) changed.push(key);
  }
  for (const kind of PROBLEM_KINDS) if (before.enabled[kind] !== after.enabled[kind]) changed.push(`enabled.${kind}`);
  return changed;
}
