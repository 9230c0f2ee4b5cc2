// Which header labels mean which column. Built from the column table (annex-columns.ts), the
// report's printed labels (ANNEX_REPORT_LABELS), the UI's labels (which the template uses)
// and a few variants people write; every key goes through labelKey, so spaces, line breaks,
// full-width characters, bracket shapes and unit markers such as （件） never matter.
//
// A report header is two (or three) rows: 办结 means `completed` under 办件情况（件）,
// `promisedCompleted` under 承诺件办件情况（件）, and so on, so a column is resolved from its
// group heading and its own label together. A one-row header (the template) uses labels that
// are unambiguous on their own (承诺件办结) or the glossary identifiers (promisedCompleted).

import { zhCN } from "@/lib/i18n/zh-CN";
import { ANNEX_COLUMNS, annexColumn, UNIT_EXTRA_FIELDS } from "@/lib/indicators/annex-columns";
import { ANNEX_GROUPS, ANNEX_REPORT_LABELS, type AnnexGroup } from "@/lib/indicators/annex-layout";
import {
  ANNEX_FIELDS,
  type AnnexField,
  REPORTED_SUMMARY_FIELDS,
  type ReportedSummaryField,
  type SummaryScope,
  type UnitKind,
} from "@/lib/indicators/types";
import { labelKey } from "@/lib/spreadsheet/normalize";
import type { UnitExtras } from "./types";

export type ExtraField = keyof UnitExtras;
export const EXTRA_FIELDS = UNIT_EXTRA_FIELDS satisfies readonly ExtraField[];

export type ColumnRole =
  | { role: "seq" }
  | { role: "name"; kind: UnitKind | null }
  | { role: "kind" }
  | { role: "month" }
  | { role: "field"; field: AnnexField }
  | { role: "extra"; field: ExtraField }
  | { role: "indicator" }
  | { role: "fieldId" }
  | { role: "scope"; scope: SummaryScope }
  /** A label that names a column of several groups (办结) without its group. */
  | { role: "ambiguous"; fields: AnnexField[] };

const t = zhCN.import.template;

/** Group headings besides the report's and the UI's. */
const GROUP_VARIANTS: Record<AnnexGroup, string[]> = {
  cases: ["办件情况", "办件数"],
  promised: ["承诺件办件情况", "承诺件情况", "承诺件"],
  efficiency: ["承诺件办件效率", "承诺办件效率", "承诺件效率"],
  online: ["线上办件情况", "线上办件", "网上办件情况"],
  onlinePromised: ["线上承诺件办件情况", "线上承诺办件情况", "线上承诺件"],
  onlineEfficiency: ["线上承诺办件效率", "线上承诺件办件效率", "线上承诺件效率"],
  evaluation: ["办件主动评价", "办件主动评价数", "主动评价"],
  coverage: ["事项办件情况", "事项办件覆盖率", "办件覆盖率", "事项覆盖情况"],
};

const KINDS = Object.keys(ANNEX_REPORT_LABELS) as UnitKind[];

export const GROUP_OF_FIELD = new Map<AnnexField, AnnexGroup>(ANNEX_COLUMNS.map((c) => [c.field, c.group]));

function keysOf(labels: Iterable<string | null | undefined>): Set<string> {
  const out = new Set<string>();
  for (const label of labels) if (label) out.add(labelKey(label));
  return out;
}

/** Group heading key → group. */
const GROUP_BY_KEY = new Map<string, AnnexGroup>();
for (const { group } of ANNEX_GROUPS) {
  const labels = [
    ...KINDS.map((k) => ANNEX_REPORT_LABELS[k].groups[group]),
    zhCN.annex.groups[group],
    ...GROUP_VARIANTS[group],
  ];
  for (const key of keysOf(labels)) GROUP_BY_KEY.set(key, group);
}

/** Per field, the keys of its own label under its group. */
const COLUMN_KEYS = new Map<AnnexField, Set<string>>(
  ANNEX_FIELDS.map((field) => [
    field,
    keysOf([
      ...KINDS.map((k) => ANNEX_REPORT_LABELS[k].columns[field]),
      zhCN.annex.columns[field],
      // besides the report's and the UI's, what people write (the column table's variants)
      ...annexColumn(field).variants,
    ]),
  ]),
);

/** Groups of a single field: their heading alone names the field (附件1's 办件主动评价数). */
const SINGLE_FIELD_GROUP = new Map<AnnexGroup, AnnexField>(
  ANNEX_GROUPS.filter((g) => g.fields.length === 1).map((g) => [g.group, g.fields[0]!]),
);

/**
 * Labels that name a column on their own (one-row headers), key → role. Strong labels (the
 * identifiers, the UI's field labels, group + column run together) win over a column's own
 * label used alone (承诺提速), which only counts when no other group uses it (办结 does).
 */
const FLAT = new Map<string, { role: ColumnRole; strong: boolean }>();
const AMBIGUOUS = new Map<string, Set<AnnexField>>();

function addFlat(label: string, role: ColumnRole, strong = true) {
  const key = labelKey(label);
  if (key === "") return;
  const existing = FLAT.get(key);
  if (AMBIGUOUS.has(key)) {
    if (strong) {
      AMBIGUOUS.delete(key);
      FLAT.set(key, { role, strong });
    } else if (role.role === "field") AMBIGUOUS.get(key)!.add(role.field);
    return;
  }
  if (!existing) {
    FLAT.set(key, { role, strong });
    return;
  }
  if (existing.strong || (!strong && sameRole(existing.role, role))) return;
  if (strong) {
    FLAT.set(key, { role, strong });
    return;
  }
  // Two weak labels for different columns: the label alone does not say which.
  FLAT.delete(key);
  const fields = [existing.role, role].flatMap((r) => (r.role === "field" ? [r.field] : []));
  AMBIGUOUS.set(key, new Set(fields));
}

function sameRole(a: ColumnRole, b: ColumnRole): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

for (const field of ANNEX_FIELDS) {
  const role: ColumnRole = { role: "field", field };
  addFlat(field, role);
  addFlat(zhCN.fields[field], role);
  const group = GROUP_OF_FIELD.get(field)!;
  const groupKeys = [...GROUP_BY_KEY].filter(([, g]) => g === group).map(([k]) => k);
  for (const column of COLUMN_KEYS.get(field)!) {
    for (const g of groupKeys) addFlat(g + column, role);
  }
}
// Own labels unique across groups (承诺提速, 网上办理) also name a column alone; shared ones
// (办结, 办理提速) become ambiguous.
for (const field of ANNEX_FIELDS)
  for (const column of COLUMN_KEYS.get(field)!) addFlat(column, { role: "field", field }, false);
for (const [group, field] of SINGLE_FIELD_GROUP) {
  for (const [key, g] of GROUP_BY_KEY) if (g === group) addFlat(key, { role: "field", field });
}
for (const field of EXTRA_FIELDS) {
  addFlat(field, { role: "extra", field });
  addFlat(zhCN.import.fields[field], { role: "extra", field });
}
addFlat("办结件总数", { role: "extra", field: "completedInclBatch" });
addFlat("主动评价率", { role: "extra", field: "activeEvaluationRateReported" });

const ROLE_LABELS: Array<[ColumnRole, string[]]> = [
  [{ role: "seq" }, [t.seq, "序号", "序", "编号", "seq", "no."]],
  [
    { role: "name", kind: "DEPARTMENT" },
    [ANNEX_REPORT_LABELS.DEPARTMENT.name, zhCN.annex.department, "部门名称", "市级部门"],
  ],
  [
    { role: "name", kind: "DISTRICT" },
    [ANNEX_REPORT_LABELS.DISTRICT.name, zhCN.annex.district, "地区名称", "县(市、区)名称"],
  ],
  [
    { role: "name", kind: null },
    [t.name, "单位", "名称", "单位全称", "部门/地区", "部门(地区)", "部门或地区", "unitName", "name"],
  ],
  [{ role: "kind" }, [t.kind, "类型", "单位类别", "层级", "单位层级", "kind"]],
  [{ role: "month" }, [t.month, "统计月份", "统计期", "报表月份", "month"]],
  [{ role: "indicator" }, [t.indicator, "指标名称", "项目", "indicator"]],
  [{ role: "fieldId" }, [t.fieldId, "字段名", "标识", "field"]],
  [{ role: "scope", scope: "CITY" }, [zhCN.import.scopes.CITY, "city"]],
  [{ role: "scope", scope: "MUNICIPAL" }, [zhCN.import.scopes.MUNICIPAL, "municipal"]],
  [
    { role: "scope", scope: "DISTRICTS" },
    [zhCN.import.scopes.DISTRICTS, "县(市,区)", "县市区", "各县(市、区)", "districts", "counties"],
  ],
];
for (const [role, labels] of ROLE_LABELS) for (const label of labels) addFlat(label, role);

/** Every key that is some header label: to tell header rows from data rows. */
const ALL_LABEL_KEYS = new Set<string>([...FLAT.keys(), ...AMBIGUOUS.keys(), ...GROUP_BY_KEY.keys()]);
for (const keys of COLUMN_KEYS.values()) for (const k of keys) ALL_LABEL_KEYS.add(k);

export function isHeaderLabel(text: string): boolean {
  if (ALL_LABEL_KEYS.has(labelKey(text))) return true;
  // A group and its column in one cell, as the per-annex CSV export writes them (办件情况（件）·申请).
  const parts = text.split(LABEL_PATH_SEPARATOR);
  return parts.length > 1 && ALL_LABEL_KEYS.has(labelKey(parts[parts.length - 1]!));
}

/** How a header's group and column are joined in one cell (the exports' CSV, the problems' labels). */
export const LABEL_PATH_SEPARATOR = "·";

/**
 * The role of a column from its header texts, top to bottom (merged and carried-over group
 * headings included, consecutive repeats removed). Null: not a column we read.
 */
export function resolveColumn(path: readonly string[]): ColumnRole | null {
  const keys = path.map(labelKey).filter((k) => k !== "");
  if (keys.length === 0) return null;
  const leaf = keys[keys.length - 1]!;
  // Under a group heading: the nearest heading above the leaf that names a group.
  for (let i = keys.length - 2; i >= 0; i--) {
    const group = GROUP_BY_KEY.get(keys[i]!);
    if (!group) continue;
    const fields = ANNEX_GROUPS.find((g) => g.group === group)!.fields;
    const field = fields.find((f) => COLUMN_KEYS.get(f)!.has(leaf));
    if (field) return { role: "field", field };
  }
  // On its own, or all the texts run together (线上承诺件 / 办结 → 线上承诺件办结).
  for (const candidate of [keys.join(""), leaf]) {
    const entry = FLAT.get(candidate);
    if (entry) return entry.role;
  }
  const ambiguous = AMBIGUOUS.get(leaf) ?? AMBIGUOUS.get(keys.join(""));
  if (ambiguous) return { role: "ambiguous", fields: [...ambiguous] };
  return null;
}

/** Kinds by the words of a table's title or sheet name. */
export function kindFromText(text: string): UnitKind | null {
  const s = labelKey(text);
  if (/县\(市、区\)|县\(市,区\)|区县|县市区|附件2/.test(s)) return "DISTRICT";
  if (/部门|市级|附件1/.test(s)) return "DEPARTMENT";
  return null;
}

/** A 单位类型 cell's kind: 市级部门 / 部门 / DEPARTMENT, 县（市、区） / 县 / 地区 / DISTRICT. */
export function parseKind(text: string): UnitKind | null {
  const s = labelKey(text);
  if (["市级部门", "部门", "市直部门", "市本级", "department", labelKey(zhCN.import.kinds.DEPARTMENT)].includes(s)) {
    return "DEPARTMENT";
  }
  if (
    [
      "县(市、区)",
      "县(市,区)",
      "县",
      "区",
      "县区",
      "县市区",
      "地区",
      "district",
      "county",
      labelKey(zhCN.import.kinds.DISTRICT),
    ].includes(s)
  ) {
    return "DISTRICT";
  }
  return null;
}

/** Names that mark a total row, not a unit. */
const TOTAL_KEYS = keysOf([
  "合计",
  "总计",
  "小计",
  "全市",
  "全市合计",
  "市本级",
  "市本级合计",
  "县(市、区)合计",
  zhCN.annex.total,
]);
export function isTotalName(text: string): boolean {
  return TOTAL_KEYS.has(labelKey(text));
}

/** The summary sheet's indicators: key → field. */
const SUMMARY_BY_KEY = new Map<string, ReportedSummaryField>();
const SUMMARY_LABEL_OF = (field: ReportedSummaryField): string =>
  field === "completedInclBatch" ? zhCN.import.fields.completedInclBatch : zhCN.fields[field];
for (const field of REPORTED_SUMMARY_FIELDS) {
  for (const key of keysOf([field, SUMMARY_LABEL_OF(field)])) SUMMARY_BY_KEY.set(key, field);
}
for (const [label, field] of [
  ["主动评价数", "activeEvaluations"],
  ["评价总数", "activeEvaluations"],
  ["办结件总数", "completedInclBatch"],
  ["办件覆盖率", "coverageRate"],
  ["事项认领率", "catalogClaimRate"],
  ["目录认领率", "catalogClaimRate"],
  ["申请", "applied"],
  ["受理", "accepted"],
  ["办结", "completed"],
] as const) {
  SUMMARY_BY_KEY.set(labelKey(label), field);
}

export function resolveSummaryField(text: string): ReportedSummaryField | null {
  return SUMMARY_BY_KEY.get(labelKey(text)) ?? null;
}

/** The summary sheet's label of a field (the template writes it; "（%）" for rates). */
export function summaryFieldLabel(field: ReportedSummaryField): string {
  return SUMMARY_LABEL_OF(field);
}

/** How a figure is checked: counts, percentages 0–100, speed-ups (≤100, negative allowed), evaluation rates (≥0). */
export type FigureSpec = "count" | "rate" | "speedup" | "evaluationRate";

const SPEEDUP = new Set<string>(["handlingSpeedupRate", "onlineHandlingSpeedupRate"]);
const SUMMARY_COUNTS = new Set<ReportedSummaryField>([
  "applied",
  "accepted",
  "completed",
  "overdueCompleted",
  "promisedCompleted",
  "onlineApplied",
  "onlineAccepted",
  "onlineCompleted",
  "onlinePromisedCompleted",
  "activeEvaluations",
  "completedInclBatch",
]);

export function figureSpec(field: AnnexField | ExtraField | ReportedSummaryField, isRate: boolean): FigureSpec {
  if (field === "activeEvaluationRate" || field === "activeEvaluationRateReported") return "evaluationRate";
  if (SPEEDUP.has(field)) return "speedup";
  return isRate ? "rate" : "count";
}

export function isSummaryCount(field: ReportedSummaryField): boolean {
  return SUMMARY_COUNTS.has(field);
}
