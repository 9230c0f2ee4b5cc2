// The free-text parts of a month's bulletin that an admin edits before issuing it (the remark
// after each problem, the 备注 after the overall figures, the 报/送/发 lines, the issuing
// office and date): the form parser (zod), the stored JSON of a `BulletinText` version, and
// the defaults of a month. Figures are never among them: those come from the data only.
// Pure.
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/action-client/form-state";
import { REFERENCE_BULLETIN_TEXTS, resolveBulletinTexts } from "@/lib/bulletin/build/texts";
import type { BulletinDistribution, BulletinTexts } from "@/lib/bulletin/build/types";
import { PROBLEM_KINDS, type ProblemKind } from "@/lib/indicators/problems";

/** The month whose own texts REFERENCE_BULLETIN_TEXTS holds (lib/demo-data/reference-month.ts). */
export const REFERENCE_TEXTS_MONTH = "2021-06";

/** The 报 / 送 / 发 lines, in the report's order. */
export const DISTRIBUTION_LABELS = ["报", "送", "发"] as const;
export type DistributionLabel = (typeof DISTRIBUTION_LABELS)[number];

/** What a version stores: every editable part, resolved (no part left to a default). */
export type EditableBulletinTexts = {
  problemRemarks: Record<ProblemKind, string>;
  overviewNote: string | null;
  distribution: BulletinDistribution[];
  issuer: string;
  issueDate: string | null;
};

export const MAX_REMARK_LENGTH = 500;
export const MAX_LINE_LENGTH = 200;
export const MAX_LINES = 20;

/** Control characters other than newlines never belong in a printed line. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

const text = (max: number, what: string) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .refine((s) => !CONTROL.test(s), `${what}含有不可打印的字符`)
    .refine((s) => Array.from(s).length <= max, `${what}不能超过 ${max} 个字`);

const isoDate = z
  .string()
  .trim()
  .refine((s) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!match) return false;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === s;
  }, "印发日期须为有效日期（年-月-日）");

const lines = (what: string) =>
  text(MAX_LINES * (MAX_LINE_LENGTH + 1), what)
    .transform((s) =>
      s
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .refine((l) => l.length <= MAX_LINES, `${what}最多 ${MAX_LINES} 行`)
    .refine(
      (l) => l.every((line) => Array.from(line).length <= MAX_LINE_LENGTH),
      `${what}每行不能超过 ${MAX_LINE_LENGTH} 个字`,
    );

/** Form field names. */
export const remarkFieldName = (kind: ProblemKind) => `remark.${kind}`;
export const distributionFieldName = (label: DistributionLabel) => `distribution.${label}`;

const formSchema = z.object({
  problemRemarks: z.object(
    Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, text(MAX_REMARK_LENGTH, "备注")])) as Record<
      ProblemKind,
      ReturnType<typeof text>
    >,
  ),
  overviewNote: text(MAX_LINE_LENGTH, "总体情况备注").transform((s) => (s === "" ? null : s)),
  distribution: z.object(
    Object.fromEntries(DISTRIBUTION_LABELS.map((label) => [label, lines(`“${label}”`)])) as Record<
      DistributionLabel,
      ReturnType<typeof lines>
    >,
  ),
  issuer: text(64, "印发机关").refine((s) => s.length > 0, "请填写印发机关"),
  issueDate: z.union([z.literal("").transform(() => null), isoDate]),
});

function fieldKey(path: readonly PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === "problemRemarks" && sub) return remarkFieldName(sub as ProblemKind);
  if (head === "distribution" && sub) return distributionFieldName(sub as DistributionLabel);
  return head ?? "form";
}

/** The edit form (FormData entries) → the texts to store, or field errors keyed by field name. */
export function parseBulletinTextsForm(
  entries: Iterable<[string, FormDataEntryValue]>,
): { ok: true; texts: EditableBulletinTexts } | { ok: false; fieldErrors: Record<string, string[]> } {
  const form = new Map<string, string>();
  for (const [key, value] of entries) if (typeof value === "string") form.set(key, value);
  const get = (key: string) => form.get(key) ?? "";
  const parsed = formSchema.safeParse({
    problemRemarks: Object.fromEntries(PROBLEM_KINDS.map((kind) => [kind, get(remarkFieldName(kind))])),
    overviewNote: get("overviewNote"),
    distribution: Object.fromEntries(DISTRIBUTION_LABELS.map((label) => [label, get(distributionFieldName(label))])),
    issuer: get("issuer"),
    issueDate: get("issueDate").trim(),
  });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error.issues, fieldKey) };
  const { problemRemarks, overviewNote, distribution, issuer, issueDate } = parsed.data;
  return {
    ok: true,
    texts: {
      problemRemarks,
      overviewNote,
      distribution: DISTRIBUTION_LABELS.filter((label) => distribution[label].length > 0).map((label) => ({
        label,
        lines: distribution[label],
      })),
      issuer,
      issueDate,
    },
  };
}

/** The texts a month has before any admin edit: the reference report's own for 2021-06. */
export function defaultBulletinTexts(month: string): BulletinTexts {
  return month === REFERENCE_TEXTS_MONTH ? REFERENCE_BULLETIN_TEXTS : {};
}

/** Every editable part as the bulletin of `month` prints it, from stored texts or the defaults. */
export function editableTexts(month: string, stored: BulletinTexts | null): EditableBulletinTexts {
  const resolved = resolveBulletinTexts(stored ?? defaultBulletinTexts(month));
  return {
    problemRemarks: Object.fromEntries(
      PROBLEM_KINDS.map((kind) => [kind, resolved.problemRemarks[kind] ?? ""]),
    ) as Record<ProblemKind, string>,
    overviewNote: resolved.overviewNote,
    distribution: resolved.distribution,
    issuer: resolved.issuer,
    issueDate: resolved.issueDate,
  };
}

const storedSchema = z.object({
  problemRemarks: z.partialRecord(z.enum(PROBLEM_KINDS), z.string()).optional(),
  overviewNote: z.string().nullable().optional(),
  distribution: z.array(z.object({ label: z.string(), lines: z.array(z.string()) })).optional(),
  issuer: z.string().optional(),
  issueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .optional(),
});

/**
 * A stored version's JSON → BulletinTexts. Tolerant per part: a part that does not read is
 * left to its default (so a bad row never stops the bulletin); `invalid` names those parts.
 */
export function readStoredBulletinTexts(value: unknown): { texts: BulletinTexts; invalid: string[] } {
  const stored =
    typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const texts: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const key of Object.keys(storedSchema.shape) as Array<keyof typeof storedSchema.shape>) {
    if (stored[key] === undefined) continue;
    const parsed = storedSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) texts[key] = parsed.data;
    else invalid.push(key);
  }
  return { texts: texts as BulletinTexts, invalid };
}

export type BulletinTextPart =
  | `problemRemarks.${ProblemKind}`
  | "overviewNote"
  | "distribution"
  | "issuer"
  | "issueDate";

/** The parts that differ between two versions (for the audit record and the versions list). */
export function changedParts(before: EditableBulletinTexts, after: EditableBulletinTexts): BulletinTextPart[] {
  const parts: BulletinTextPart[] = [];
  for (const kind of PROBLEM_KINDS)
    if (before.problemRemarks[kind] !== after.problemRemarks[kind]) parts.push(`problemRemarks.${kind}`);
  if (before.overviewNote !== after.overviewNote) parts.push("overviewNote");
  if (JSON.stringify(before.distribution) !== JSON.stringify(after.distribution)) parts.push("distribution");
  if (before.issuer !== after.issuer) parts.push("issuer");
  if (before.issueDate !== after.issueDate) parts.push("issueDate");
  return parts;
}
