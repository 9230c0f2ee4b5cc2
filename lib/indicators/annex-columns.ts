// The columns of 附件1 / 附件2, once. Every list of annex fields (the 19 fields, the counts, the
// rates, the groups, the report's printed labels, the importer's variants, the weights of
// rates known only per unit) is derived from this table, so a new column is one line here
// (plus its UI labels: lib/i18n `fields.<field>` and `annex.columns.<field>`, in zh-CN and en,
// which the compiler asks for). The order of the rows is the report's column order: tables,
// exports, the template and the importer all follow it.

/** The group headings of the annex, in the report's order (their text: annex-layout.ts, lib/i18n). */
export type AnnexGroup =
  | "cases"
  | "promised"
  | "efficiency"
  | "online"
  | "onlinePromised"
  | "onlineEfficiency"
  | "evaluation"
  | "coverage";

type AnnexColumnSpec = {
  /** The glossary identifier: database column, TypeScript field, CSV header, i18n key. */
  field: string;
  /** count: 件, additive; rate: a percentage as reported (85.16 = 85.16%), never added. */
  kind: "count" | "rate";
  group: AnnexGroup;
  /** Its label under the group heading as 附件1 prints it; null: the group heading is its label. */
  report: string | null;
  /** 附件2's label, where it differs from 附件1's. */
  reportDistrict?: string;
  /** Labels people write for it under its group, besides the report's and the UI's (the importer). */
  variants: readonly string[];
  /** A rate the annex gives only per unit: the count that weights it in a total (aggregate.ts). */
  weight?: string;
  /** The count a rate stands on: when it is 0 the rate has no base and shows "—" (rate-bases.ts). */
  base?: string;
};

export const ANNEX_COLUMNS = [
  { field: "applied", kind: "count", group: "cases", report: "申请", variants: ["申请件", "申请数"] },
  { field: "accepted", kind: "count", group: "cases", report: "受理", variants: ["受理件", "受理数"] },
  { field: "completed", kind: "count", group: "cases", report: "办结", variants: ["办结件", "办结数"] },
  {
    field: "overdueCompleted",
    kind: "count",
    group: "cases",
    report: "超时办结",
    variants: ["超时办结件", "超期办结"],
  },
  { field: "promisedCompleted", kind: "count", group: "promised", report: "办结", variants: ["办结件", "办结数"] },
  {
    field: "promisedOverdueCompleted",
    kind: "count",
    group: "promised",
    report: "超时办结",
    variants: ["超时办结件", "超期办结"],
  },
  {
    field: "promiseSpeedupRate",
    kind: "rate",
    group: "efficiency",
    report: "承诺提速",
    variants: ["承诺提速率"],
    weight: "promisedCompleted",
  },
  {
    field: "handlingSpeedupRate",
    kind: "rate",
    group: "efficiency",
    report: "办理提速",
    variants: ["办理提速率"],
    weight: "promisedCompleted",
    base: "promisedCompleted",
  },
  {
    field: "earlyCompletionRate",
    kind: "rate",
    group: "efficiency",
    report: "提前办结",
    variants: ["提前办结率"],
    weight: "promisedCompleted",
    base: "promisedCompleted",
  },
  { field: "onlineApplied", kind: "count", group: "online", report: "申请", variants: ["申请件", "申请数"] },
  { field: "onlineAccepted", kind: "count", group: "online", report: "受理", variants: ["受理件", "受理数"] },
  { field: "onlineCompleted", kind: "count", group: "online", report: "办结", variants: ["办结件", "办结数"] },
  {
    field: "onlinePromisedCompleted",
    kind: "count",
    group: "onlinePromised",
    report: "办结",
    variants: ["办结件", "办结数"],
  },
  {
    field: "onlinePromisedOverdueCompleted",
    kind: "count",
    group: "onlinePromised",
    report: "超时办结",
    variants: ["超时办结件", "超期办结"],
  },
  // Exact in a total: onlinePromisedCompleted / promisedCompleted (aggregateAnnexRate).
  {
    field: "onlineHandlingRate",
    kind: "rate",
    group: "onlineEfficiency",
    report: "网上办理",
    variants: ["网上办理率"],
    base: "onlinePromisedCompleted",
  },
  {
    field: "onlineHandlingSpeedupRate",
    kind: "rate",
    group: "onlineEfficiency",
    report: "办理提速",
    variants: ["办理提速率"],
    weight: "onlinePromisedCompleted",
    base: "onlinePromisedCompleted",
  },
  {
    field: "onlineEarlyCompletionRate",
    kind: "rate",
    group: "onlineEfficiency",
    report: "提前办结",
    variants: ["提前办结率"],
    weight: "onlinePromisedCompleted",
    base: "onlinePromisedCompleted",
  },
  {
    field: "activeEvaluations",
    kind: "count",
    group: "evaluation",
    report: null,
    reportDistrict: "主动评价数",
    variants: ["主动评价数", "办件主动评价数", "评价数"],
  },
  // No total: the annex does not say how many list items each unit has.
  {
    field: "coverageRate",
    kind: "rate",
    group: "coverage",
    report: null,
    reportDistrict: "办件覆盖度",
    variants: ["覆盖率", "办件覆盖率", "办件覆盖度", "覆盖度", "事项办件覆盖率"],
  },
] as const satisfies readonly AnnexColumnSpec[];

export type AnnexColumn = (typeof ANNEX_COLUMNS)[number];
type CountColumn = Extract<AnnexColumn, { kind: "count" }>;
type RateColumn = Extract<AnnexColumn, { kind: "rate" }>;
type WeightedColumn = Extract<AnnexColumn, { weight: string }>;

export type AnnexField = AnnexColumn["field"];
/** Case counts of one annex row (件). Additive: a total is the sum of its parts. */
export type CountField = CountColumn["field"];
/** Rates of one annex row, percentages as reported (85.16 = 85.16%). Not additive. */
export type RateField = RateColumn["field"];
export type WeightedRateField = WeightedColumn["field"];

/** The 19 columns of 附件1/附件2, in the report's order. */
export const ANNEX_FIELDS: readonly AnnexField[] = ANNEX_COLUMNS.map((c) => c.field);
export const COUNT_FIELDS: readonly CountField[] = ANNEX_COLUMNS.filter(
  (c): c is CountColumn => c.kind === "count",
).map((c) => c.field);
export const RATE_FIELDS: readonly RateField[] = ANNEX_COLUMNS.filter((c): c is RateColumn => c.kind === "rate").map(
  (c) => c.field,
);

const COLUMN_OF = new Map<AnnexField, AnnexColumn>(ANNEX_COLUMNS.map((c) => [c.field, c]));

/** The table's row of a field. */
export function annexColumn(field: AnnexField): AnnexColumn {
  return COLUMN_OF.get(field)!;
}

export function isRateField(field: AnnexField): boolean {
  return annexColumn(field).kind === "rate";
}

/** The groups in the report's order, each with its fields in order. */
export const ANNEX_GROUPS: Array<{ group: AnnexGroup; fields: AnnexField[] }> = [];
for (const { field, group } of ANNEX_COLUMNS) {
  const last = ANNEX_GROUPS.at(-1);
  if (last?.group === group) last.fields.push(field);
  else ANNEX_GROUPS.push({ group, fields: [field] });
}

/**
 * Weights for rates the annex gives only as a per-unit percentage (the weight of each row
 * above). The true denominators are Σ legal days (speed-up rates) and promised-case
 * completions (early completion); the annex has no days, so every promised-case rate is
 * weighted by promisedCompleted and every online one by onlinePromisedCompleted. For speed-up
 * rates this can be far off: in 2021-06 it gives 78.48% for the municipal handling speed-up
 * the bulletin states as 20.04%.
 */
export const RATE_WEIGHTS = Object.fromEntries(
  ANNEX_COLUMNS.flatMap((c) => ("weight" in c ? [[c.field, c.weight] as const] : [])),
) as { readonly [C in WeightedColumn as C["field"]]: C["weight"] } satisfies Partial<Record<RateField, CountField>>;

/**
 * Per-unit figures some files carry besides the 19 columns (the bulletin's text states them):
 * 办结件总数（含批量件）, a count, and 主动评价率 as the bulletin states it, a rate.
 */
export const UNIT_EXTRA_COLUMNS = [
  { field: "completedInclBatch", kind: "count" },
  { field: "activeEvaluationRateReported", kind: "rate" },
] as const satisfies ReadonlyArray<{ field: string; kind: "count" | "rate" }>;
export type UnitExtraField = (typeof UNIT_EXTRA_COLUMNS)[number]["field"];
export const UNIT_EXTRA_FIELDS: readonly UnitExtraField[] = UNIT_EXTRA_COLUMNS.map((c) => c.field);

/**
 * The count each rate stands on, where it has one (the rows' `base`): 承诺提速 compares time
 * limits of the catalogue and 覆盖率 is about the catalogue, so neither has a case count.
 */
export const RATE_BASES: Partial<Record<AnnexField, CountField>> = Object.fromEntries(
  ANNEX_COLUMNS.flatMap((c) => ("base" in c ? [[c.field, c.base satisfies CountField] as const] : [])),
);

// ---------------------------------------------------------------------------------------------
// Scopes: which population each count is over, so that no rate divides two populations.

/**
 * The population a count is over. 'month': this month's cases as the annex counts them, batch
 * cases (批量件) excluded. 'inclBatch': batch cases included — 办结件总数（包含批量件） and the
 * evaluations, which the platform records for batch cases too (2021-06: 通川区 167,275
 * evaluations against 48,935 completions without batch cases).
 */
export type CountScope = "month" | "inclBatch";

/** A count a rate can be made of: an annex count or 办结件总数（包含批量件）. */
export type ScopedCount = CountField | "completedInclBatch";

/** The scope of every count; the compiler asks for a new column's. */
export const COUNT_SCOPES: Readonly<Record<ScopedCount, CountScope>> = {
  applied: "month",
  accepted: "month",
  completed: "month",
  overdueCompleted: "month",
  promisedCompleted: "month",
  promisedOverdueCompleted: "month",
  onlineApplied: "month",
  onlineAccepted: "month",
  onlineCompleted: "month",
  onlinePromisedCompleted: "month",
  onlinePromisedOverdueCompleted: "month",
  activeEvaluations: "inclBatch",
  completedInclBatch: "inclBatch",
};

/** A rate computed from counts: (Σ plus − Σ minus) / denominator. */
export type RatioFormula = {
  readonly plus: readonly ScopedCount[];
  readonly minus: readonly ScopedCount[];
  readonly denominator: ScopedCount;
};

/**
 * Every rate the product computes from counts, with its numerator and denominator (注 1–9 of
 * 附件1, GLOSSARY.md). aggregate.ts and rates.ts compute exactly these; a test checks that each
 * numerator and its denominator are of one scope (COUNT_SCOPES).
 */
export const RATIO_FORMULAS = {
  onlineShare: { plus: ["onlineApplied"], minus: [], denominator: "applied" },
  onTimeCompletionRate: { plus: ["completed"], minus: ["overdueCompleted"], denominator: "completed" },
  onlineHandlingRate: { plus: ["onlinePromisedCompleted"], minus: [], denominator: "promisedCompleted" },
  activeEvaluationRate: { plus: ["activeEvaluations"], minus: [], denominator: "completedInclBatch" },
} as const satisfies Record<string, RatioFormula>;
export type RatioRateField = keyof typeof RATIO_FORMULAS;

/**
 * The scope of every rate the annex gives only per unit (its weight and base must be of it):
 * all are over this month's promised cases (覆盖率 is over the catalogue: no count weighs it).
 */
export const STATED_RATE_SCOPES: Readonly<Record<Exclude<RateField, "coverageRate">, CountScope>> = {
  promiseSpeedupRate: "month",
  handlingSpeedupRate: "month",
  earlyCompletionRate: "month",
  onlineHandlingRate: "month",
  onlineHandlingSpeedupRate: "month",
  onlineEarlyCompletionRate: "month",
};

/** The scope a formula's counts share, or null when they do not (a mixed ratio). */
export function formulaScope(formula: RatioFormula): CountScope | null {
  const scopes = new Set([...formula.plus, ...formula.minus, formula.denominator].map((c) => COUNT_SCOPES[c]));
  const [only] = scopes;
  return scopes.size === 1 && only ? only : null;
}

/** (Σ plus − Σ minus) of a formula over the amounts given (a row, a scope's counts). */
export function formulaNumerator(formula: RatioFormula, amount: (count: ScopedCount) => number): number {
  let total = 0;
  for (const c of formula.plus) total += amount(c);
  for (const c of formula.minus) total -= amount(c);
  return total;
}
