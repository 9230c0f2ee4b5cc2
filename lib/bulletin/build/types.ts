// The bulletin (通报) as a structured document: what buildBulletin produces and every
// renderer (docx, pdf, the React page) draws. Plain data, serialisable, no functions.

import type { Problem, ProblemKind, ProblemSettings, RuleInput } from "@/lib/indicators/problems";
import type { AnnexField } from "@/lib/indicators/types";

export type BulletinBlock =
  /** "（一）总体情况。": a numbered heading inside a part. */
  | { type: "subheading"; text: string }
  /** A body paragraph; `lead` is printed first in bold ("（一）办件覆盖率较低。"). */
  | { type: "paragraph"; lead?: string; text: string }
  /** A note in smaller type (demo-data warnings, the evaluation rate's definition). */
  | { type: "note"; text: string }
  /** Where a figure stands; its data is in Bulletin.figures. */
  | { type: "figure"; figureId: BulletinFigureId };

export type BulletinPartId = "operation" | "evaluation" | "timeliness" | "problems" | "rectification";

/** One "●" part of the bulletin. */
export type BulletinPart = { id: BulletinPartId; heading: string; blocks: BulletinBlock[] };

export type BulletinFigureId = "fig1" | "fig2" | "fig3" | "fig4";

export type BulletinSeries = {
  /** "上月" / "本月". */
  name: string;
  month: string;
  /** "2021年5月". */
  monthLabel: string;
  /** Demo months are badged wherever they appear. */
  isDemo: boolean;
  /** One value per category; null where the month has no figure for it. */
  values: (number | null)[];
};

/** A chart's caption and data; renderers decide how to draw it (bars, categories down the side). */
export type BulletinFigure = {
  id: BulletinFigureId;
  number: 1 | 2 | 3 | 4;
  /** "图1.全市办理政务服务事项与上月对比情况". */
  caption: string;
  /** What the values count: "件" or "条". */
  unit: string;
  categories: string[];
  /** Previous month first (when there is one), then this month. */
  series: BulletinSeries[];
  /** E.g. that the previous month is demo data. */
  note: string | null;
};

export type BulletinHeaderCell = { text: string; colSpan: number; rowSpan: number };

export type BulletinAnnexRow = {
  unitCode: string;
  /** 序号 as printed. */
  seq: string;
  name: string;
  /** One formatted cell per column, in `columns` order. */
  cells: string[];
  /** True for a unit without any case this month (the dashboard's 本月无办件; printed as the report does). */
  noCases: boolean;
};

export type BulletinAnnex = {
  id: "annex1" | "annex2";
  /** "附件1". */
  label: string;
  /** "达州市一体化政务服务平台市级部门运行情况表（2021年6月）". */
  title: string;
  columns: { field: AnnexField; kind: "count" | "rate" }[];
  /** Two header rows with spans, covering 序号, the name column and every field column. */
  headerRows: BulletinHeaderCell[][];
  rows: BulletinAnnexRow[];
  /** 注：1．… (annex 1 only). */
  notes: string[];
};

export type BulletinDistribution = { label: string; lines: string[] };

export type Bulletin = {
  month: string;
  /** "2021年6月". */
  monthLabel: string;
  isDemo: boolean;
  versionNumber: number;
  previousMonth: string | null;
  previousIsDemo: boolean;
  /** "plain": counts as plain digits (1048053), rates with 2 decimals (33.19%), as the report prints. */
  numberFormat: "plain";
  title: string;
  /** "（2021年6月）". */
  subtitle: string;
  /** Demo-data warnings, printed under the title. */
  notices: string[];
  parts: BulletinPart[];
  /** "附件：1．…" then "2．…". */
  attachmentList: string[];
  annexes: [BulletinAnnex, BulletinAnnex];
  figures: BulletinFigure[];
  problems: Problem[];
  /** What each rule could read: a rule without its input says 无数据, not "nothing found". */
  ruleInputs: RuleInput[];
  settings: ProblemSettings;
  closing: {
    distribution: BulletinDistribution[];
    issuer: string;
    /** "2021年7月26日印发", or a blank to fill in by hand. */
    issueLine: string;
  };
};

/** The free-text parts of a bulletin; anything left out takes the default (lib/bulletin/build/texts.ts). */
export type BulletinTexts = {
  /** "达州市": used in the annex titles. */
  cityName?: string;
  /** Remark printed after each problem (replaces that problem's default remark). */
  problemRemarks?: Partial<Record<ProblemKind, string>>;
  /** 备注 after the overall figures, e.g. "本月未将批量件纳入办件统计". */
  overviewNote?: string | null;
  /** 报 / 送 / 发 lines. */
  distribution?: BulletinDistribution[];
  /** The issuing office, "达州市政务服务管理局". */
  issuer?: string;
  /** "YYYY-MM-DD"; without it the date is left blank to fill in. */
  issueDate?: string | null;
};

/** Layout choices: how many units the sentences and charts name. */
export type BulletinOptions = {
  topDepartments: number;
  topDistricts: number;
  topEvaluationDepartments: number;
  figureDepartments: number;
};
