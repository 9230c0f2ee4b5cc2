import { labelKey } from "@/lib/spreadsheet/normalize";
// Which header labels mean which field of the three record files, found by label (platforms
// differ: 办件编号 / 办件流水号 / 申报号 …), every label compared through lib/annex-upload/parse's labelKey
// (full-width, spaces, bracket shapes and unit markers never matter). Columns that hold an
// applicant's personal data are recognised by what they name and dropped when read.

export type RecordKind = "cases" | "evaluations" | "catalogue";

export const CASE_COLUMNS = [
  "caseNo",
  "itemCode",
  "itemName",
  "unit",
  "caseKind",
  "legalDays",
  "promisedDays",
  "channel",
  "isBatch",
  "appliedAt",
  "acceptedAt",
  "completedAt",
] as const;
export const EVALUATION_COLUMNS = [
  "evaluationNo",
  "caseNo",
  "unit",
  "evaluatedAt",
  "evaluationLevel",
  "evaluationKind",
] as const;
export const CATALOGUE_COLUMNS = [
  "itemCode",
  "itemName",
  "unit",
  "caseKind",
  "legalDays",
  "promisedDays",
  "itemStatus",
] as const;

export type CaseColumn = (typeof CASE_COLUMNS)[number];
export type EvaluationColumn = (typeof EVALUATION_COLUMNS)[number];
export type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number];
export type RecordColumn = CaseColumn | EvaluationColumn | CatalogueColumn;

/** Columns a file of each kind must have; the others may be absent. */
export const REQUIRED_COLUMNS: Record<RecordKind, readonly RecordColumn[]> = {
  cases: [
    "caseNo",
    "itemCode",
    "unit",
    "caseKind",
    "promisedDays",
    "channel",
    "isBatch",
    "appliedAt",
    "acceptedAt",
    "completedAt",
  ],
  evaluations: ["evaluationNo", "unit", "evaluatedAt", "evaluationLevel", "evaluationKind"],
  catalogue: ["itemCode", "itemName", "unit", "itemStatus"],
};

/** The label the issue and the platform's export use first; the rest are variants met in practice. */
const LABELS: Record<RecordColumn, readonly string[]> = {
  caseNo: ["办件编号", "办件号", "办件流水号", "业务流水号", "申报号", "申办流水号", "受理编号", "caseNo"],
  evaluationNo: ["评价编号", "评价流水号", "评价ID", "evaluationNo"],
  itemCode: ["事项编码", "实施编码", "事项代码", "实施清单编码", "itemCode"],
  itemName: ["事项名称", "实施清单名称", "itemName"],
  unit: ["实施主体", "实施主体名称", "实施机构", "办理部门", "受理部门", "所属部门", "评价对象", "unit"],
  caseKind: ["办件类型", "事项类型", "caseKind"],
  legalDays: ["法定办结时限（工作日）", "法定办结时限", "法定时限", "法定期限", "legalDays"],
  promisedDays: ["承诺办结时限（工作日）", "承诺办结时限", "承诺时限", "承诺期限", "promisedDays"],
  channel: ["申请方式", "申报方式", "办件来源", "申请渠道", "channel"],
  isBatch: ["是否批量件", "批量件", "是否批量", "isBatch"],
  appliedAt: ["申请时间", "申报时间", "appliedAt"],
  acceptedAt: ["受理时间", "acceptedAt"],
  completedAt: ["办结时间", "办结日期", "completedAt"],
  evaluatedAt: ["评价时间", "evaluatedAt"],
  evaluationLevel: ["评价等级", "评价结果", "满意度", "evaluationLevel"],
  evaluationKind: ["评价类型", "评价方式", "evaluationKind"],
  itemStatus: ["事项状态", "状态", "itemStatus"],
};

/** The label a problem message names a column by when the file gave none (the canonical one). */
export function canonicalLabel(column: RecordColumn): string {
  return LABELS[column][0]!;
}

const LABEL_INDEX = new Map<string, RecordColumn>();
for (const [column, labels] of Object.entries(LABELS) as [RecordColumn, readonly string[]][]) {
  for (const label of labels) LABEL_INDEX.set(labelKey(label), column);
}

/** The setting holding the admin's remembered header mappings: { labelKey: column }. */
export const COLUMN_ALIASES_SETTING = "cases.columnAliases";

/** The columns a file of a kind can have. */
export const COLUMNS_OF_KIND: Record<RecordKind, readonly RecordColumn[]> = {
  cases: CASE_COLUMNS,
  evaluations: EVALUATION_COLUMNS,
  catalogue: CATALOGUE_COLUMNS,
};

/** What a header cell names; `aliases` are the admin's remembered mappings (labelKey → column). */
export function resolveRecordColumn(
  label: string,
  aliases: ReadonlyMap<string, RecordColumn> = new Map(),
): RecordColumn | null {
  const key = labelKey(label);
  return aliases.get(key) ?? LABEL_INDEX.get(key) ?? null;
}

/**
 * Personal data: the applicant's (or contact's) name, ID number, phone, address, e-mail. Matched
 * on parts of the label, so 申请人姓名, 申请人证件号码, 联系人手机 are all caught; such columns are
 * never read past the header.
 */
const PERSONAL_PARTS = [
  "申请人",
  "姓名",
  "证件",
  "身份证",
  "电话",
  "手机",
  "地址",
  "住址",
  "联系人",
  "邮箱",
  "email",
  "法定代表人",
  "法人代表",
];

export function isPersonalDataLabel(label: string): boolean {
  const key = labelKey(label);
  if (key === "") return false;
  return PERSONAL_PARTS.some((part) => key.includes(labelKey(part)));
}

/** A file's kind from the columns its header names. */
export function recordKindOf(columns: ReadonlySet<RecordColumn>): RecordKind | null {
  if (columns.has("evaluationNo") || columns.has("evaluationLevel")) return "evaluations";
  if (columns.has("caseNo") && (columns.has("acceptedAt") || columns.has("appliedAt"))) return "cases";
  // Only cases have these: a case file whose 办件编号 is labelled some other way is still one
  // (refused for the missing column, which the admin can then map), never taken for a catalogue.
  if (columns.has("appliedAt") || columns.has("acceptedAt") || columns.has("completedAt")) return "cases";
  if (columns.has("itemStatus") || (columns.has("itemCode") && !columns.has("caseNo"))) return "catalogue";
  return null;
}
