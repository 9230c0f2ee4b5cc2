// The layout of 附件1 / 附件2 as the report prints it: titles, group headings, column labels
// and footnotes. Which columns, in which order and group, is the column table's
// (annex-columns.ts); tables, exports and the importer all follow it.
import { ANNEX_COLUMNS, type AnnexField, type AnnexGroup } from "@/lib/indicators/annex-columns";
import type { UnitKind } from "@/lib/indicators/types";

// The groups and the rate test are the column table's (annex-columns.ts); here for the
// modules that read the layout.
export { ANNEX_GROUPS, type AnnexGroup, isRateField } from "@/lib/indicators/annex-columns";

/**
 * The annex headings exactly as the bulletin prints them (附件1 and 附件2 of 2021-06): the
 * report's own text, not UI labels (those are `annex` in lib/i18n). The .xlsx of the annex
 * tables is written from this table and ANNEX_GROUPS, and the importer recognises these
 * labels (among others), so the wording lives here once. The two annexes differ in their
 * name column (部门/地区) and in the last two groups: 附件1 prints 办件主动评价数 and
 * 事项办件覆盖率 as single headings spanning both header rows (`columns` null), 附件2 prints
 * 办件主动评价 over 主动评价数 and 事项办件情况 over 办件覆盖度. One deliberate difference: the
 * 2021-06 PDF text shows 线上承诺办件效率 without the "（%）" of its neighbour 承诺件办件效率（%）;
 * the product prints "（%）" on both, as the dashboard and the Word/PDF bulletin do.
 */
export type AnnexReportLabels = {
  /** 附件 number: 1 departments, 2 districts. */
  annex: 1 | 2;
  /** Title without the month; `{city}` is the city's name (达州市). */
  title: string;
  seq: string;
  name: string;
  groups: Record<AnnexGroup, string>;
  /** A column's label under its group heading; null: the group heading is the column's label. */
  columns: Record<AnnexField, string | null>;
  /** The 注 printed under the table, in order (the first is prefixed "注：" when printed). */
  footnotes: readonly string[];
};

const REPORT_COLUMNS = Object.fromEntries(ANNEX_COLUMNS.map((c) => [c.field, c.report])) as Record<
  AnnexField,
  string | null
>;

/** 附件2 prints two columns differently (主动评价数, 办件覆盖度 under their group headings). */
const REPORT_COLUMNS_DISTRICT = Object.fromEntries(
  ANNEX_COLUMNS.map((c) => [c.field, "reportDistrict" in c ? c.reportDistrict : c.report]),
) as Record<AnnexField, string | null>;

const REPORT_GROUPS: Record<AnnexGroup, string> = {
  cases: "办件情况（件）",
  promised: "承诺件办件情况（件）",
  efficiency: "承诺件办件效率（%）",
  online: "线上办件情况（件）",
  onlinePromised: "线上承诺件办件情况（件）",
  onlineEfficiency: "线上承诺办件效率（%）",
  evaluation: "办件主动评价数",
  coverage: "事项办件覆盖率",
};

export const ANNEX_REPORT_LABELS: Record<UnitKind, AnnexReportLabels> = {
  DEPARTMENT: {
    annex: 1,
    title: "{city}一体化政务服务平台市级部门运行情况表",
    seq: "序号",
    name: "部门",
    groups: REPORT_GROUPS,
    columns: REPORT_COLUMNS,
    footnotes: [
      "1．申请件：统计时间段内的申请件数。受理件：统计时间段内受理件数。办结件：统计时间段内办结件数。",
      "2．提前办结件：统计时间段内在事项承诺时限内提前办结的件数。提前办结件=[（办结时间-受理时间）<承诺时限]的办结件数。",
      "3．超时办结件：统计时间段内超过承诺时限办结的办结件数。超时办结件=[（办结时间-受理时间）>承诺时限]的办结件数。",
      "4．承诺提速率：统计依申请事项的承诺提速比例。承诺提速率=[（法定时限-承诺时限）/法定时限]×100%。（按承诺件计算）",
      "5．办理提速率：统计时间段内事项的实际办理提速比例。办理提速率=办件（法定时间-实际办理时间）之和/办件法定时间之和×100%。（按承诺件计算）",
      "6．提前办结率：统计时间段内提前办结的件数占全部办结件的比例。提前办结率=提前办结件/办结件数×100%。（按承诺件计算）",
      "7．网上办理率：统计时间段内通过网上受理的办结件占全部办结件的比例。网上办理率=网办办结件/全部办结件×100%。（按承诺件计算）",
      "8．主动评价数：统计时间段内群众主动对办件进行评价的总数。",
      "9．办件覆盖率：产生办件的实施清单数占实施清单总数的比例。",
    ],
  },
  DISTRICT: {
    annex: 2,
    title: "{city}一体化政务服务平台县（市、区）运行情况表",
    seq: "序号",
    name: "地区",
    groups: { ...REPORT_GROUPS, evaluation: "办件主动评价", coverage: "事项办件情况" },
    columns: REPORT_COLUMNS_DISTRICT,
    footnotes: [],
  },
};
