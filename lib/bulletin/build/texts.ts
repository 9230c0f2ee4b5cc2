// The bulletin's fixed wording and the defaults of its free-text parts, taken from the
// reference report (达州市政务服务管理局, 2021年7月26日印发). Sentences with figures are
// built in bulletin.ts; what is here carries no figure of any month.

import { zhCN } from "@/lib/i18n/zh-CN";
import { ANNEX_REPORT_LABELS } from "@/lib/indicators/annex-layout";
import type { ProblemKind } from "@/lib/indicators/problems";
import type { BulletinDistribution, BulletinTexts } from "./types";

export const BULLETIN_TITLE = "政务服务事项运行情况";

export const PART_HEADINGS = {
  operation: "●政务服务事项平台运行情况",
  evaluation: "●一体化政务服务平台好差评情况",
  timeliness: "●一体化政务服务平台办件超时情况",
  problems: "●存在的问题",
  /** Issue 21: how the previous bulletin's problems were rectified (only when it was issued). */
  rectification: "●上月通报问题整改情况",
} as const;

export const SUBHEADINGS = {
  overview: "（一）总体情况。",
  municipal: "（二）市本级运行情况。",
  districts: "（三）各县（市、区）运行情况。",
} as const;

export const FIGURE_CAPTIONS = {
  fig1: "全市办理政务服务事项与上月对比情况",
  fig2: "市本级部门办理政务服务事项与上月对比情况",
  fig3: "县（市、区）办理政务服务事项与上月对比情况",
  fig4: "办件主动评价数情况",
} as const;

/** The report's definition of the active evaluation rate, printed after its figures. */
export const EVALUATION_RATE_DEFINITION = "（备注：主动评价率=群众办件主动评价数/办结件总数（包含批量件）×100%）";

/** Headings of the problems, numbered （一）（二）… in the order found. */
export const PROBLEM_HEADINGS: Record<ProblemKind, string> = {
  lowCoverage: "办件覆盖率较低。",
  evaluationRateDrop: "主动评价率下降较多。",
  lowCatalogClaim: "政务服务事项目录清单未及时认领。",
  noCases: "部分部门（单位）无办件。",
  overdue: "存在超时办结件。",
  missingData: "部分单位未报送运行数据。",
};

/**
 * The remark after each problem when the admin gives none. The first three are the report's
 * own (without its comparison with other cities, which no figure here supports: an admin
 * who knows it adds it); the others are written in the same voice.
 */
export const DEFAULT_PROBLEM_REMARKS: Record<ProblemKind, string> = {
  lowCoverage: "各地各部门要严格按照应录尽录、实时录入要求，采取相关措施，补齐短板，有效提升平台办件覆盖率。",
  evaluationRateDrop: "各地各部门要积极引导办事群众进行办件评价，做到办件“一事一评”。",
  lowCatalogClaim: "各地各部门要及时认领、编辑、发布事项清单，促进事项梳理指标再提升。",
  noCases: "相关部门（单位）要对照实施清单，及时将办件录入一体化政务服务平台，做到应录尽录。",
  overdue: "相关地区和部门要加强办件时限管理，严格在承诺时限内办结。",
  missingData: "相关单位要按时报送平台运行数据。",
};

/** 注 1–9 of 附件1, as the report prints them (the one list is lib/indicators/annex-layout.ts). */
export const ANNEX_NOTES: string[] = ANNEX_REPORT_LABELS.DEPARTMENT.footnotes.map((note, i) =>
  i === 0 ? `注：${note}` : note,
);

export const DEFAULT_DISTRIBUTION: BulletinDistribution[] = [
  {
    label: "报",
    lines: [
      "省政府政务服务和公共资源交易服务中心，省大数据中心；",
      "市政府常务副市长，市政府秘书长；",
      "市委办公室，市人大常委会办公室，市政府办公室，市政协办公室，市纪委（监委）。",
    ],
  },
  {
    label: "送",
    lines: [
      "市级各政务服务部门（单位），市委目标绩效办，市政府信息公开中心；",
      "各县（市、区）人民政府，达州高新区管委会。",
    ],
  },
  { label: "发", lines: ["各县（市、区）行政审批局，达州高新区行政审批局。"] },
];

export const DEFAULT_ISSUER = "达州市政务服务管理局";

/** The defaults: everything of the reference report that holds for any month. */
export const DEFAULT_BULLETIN_TEXTS: Required<BulletinTexts> = {
  cityName: zhCN.app.city,
  problemRemarks: DEFAULT_PROBLEM_REMARKS,
  overviewNote: null,
  distribution: DEFAULT_DISTRIBUTION,
  issuer: DEFAULT_ISSUER,
  issueDate: null,
};

/**
 * What the reference report (2021-06) says that holds for that month only: its issue date
 * and its note on batch cases. Pass it to reproduce that bulletin.
 */
export const REFERENCE_BULLETIN_TEXTS: BulletinTexts = {
  overviewNote: "本月未将批量件纳入办件统计",
  issueDate: "2021-07-26",
};

/** Defaults overlaid with what the caller gives (problem remarks merge per problem). */
export function resolveBulletinTexts(texts: BulletinTexts = {}): Required<BulletinTexts> {
  return {
    cityName: texts.cityName ?? DEFAULT_BULLETIN_TEXTS.cityName,
    problemRemarks: { ...DEFAULT_PROBLEM_REMARKS, ...texts.problemRemarks },
    overviewNote: texts.overviewNote === undefined ? DEFAULT_BULLETIN_TEXTS.overviewNote : texts.overviewNote,
    distribution: texts.distribution ?? DEFAULT_BULLETIN_TEXTS.distribution,
    issuer: texts.issuer ?? DEFAULT_BULLETIN_TEXTS.issuer,
    issueDate: texts.issueDate === undefined ? DEFAULT_BULLETIN_TEXTS.issueDate : texts.issueDate,
  };
}
