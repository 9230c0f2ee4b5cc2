// The monthly bulletin (通报) as a structured document, section by section as the reference
// report (monthly-report-2021-06.txt) has them, in its wording. Every figure comes from
// lib/indicators (scope figures of monthScopes, rows, rankings, changes, problem rules);
// a figure neither stated for the month nor computable exactly from its rows is printed as
// "（未填报）"; a comparison that rests on an estimate says so where it is read (（估算）).
// Pure: no I/O, so the page, the renderers and tests all build the same document.

import { formatMonthLabel, parseMonth } from "@/lib/calendar/month";
import { zhCN } from "@/lib/i18n/zh-CN";
import {
  comparableValue,
  compareFigures,
  decideMonthFigures,
  describeFigure,
  type FigureComparison,
  type FigureDecision,
  hasNoCases,
  type MonthDecisions,
  monthScopes,
  rowActiveEvaluationRate,
  type ScopeDecisions,
  type StatRow,
  topN,
} from "@/lib/indicators";
import { ANNEX_GROUPS, isRateField } from "@/lib/indicators/annex-layout";
import {
  findProblems,
  type Problem,
  type ProblemSettingsInput,
  type ProblemUnit,
  resolveProblemSettings,
  ruleInputs,
} from "@/lib/indicators/problems";
import { missingRateBase, NO_BASE_MARK } from "@/lib/indicators/rate-bases";
import { ANNEX_FIELDS, type AnnexField } from "@/lib/indicators/types";
import type { MonthData } from "@/lib/month-versions/server";
import type { RectificationSummary } from "@/lib/rectification";
import { countWithUnit, MISSING_FIGURE, plainCount, plainPoints, plainRate } from "./numbers";
import {
  ANNEX_NOTES,
  BULLETIN_TITLE,
  EVALUATION_RATE_DEFINITION,
  FIGURE_CAPTIONS,
  PART_HEADINGS,
  PROBLEM_HEADINGS,
  resolveBulletinTexts,
  SUBHEADINGS,
} from "./texts";
import type {
  Bulletin,
  BulletinAnnex,
  BulletinBlock,
  BulletinFigure,
  BulletinHeaderCell,
  BulletinOptions,
  BulletinPart,
  BulletinSeries,
  BulletinTexts,
} from "./types";

/** The month a bulletin is built from: MonthData, or anything shaped like it. */
export type BulletinMonth = Pick<MonthData, "month" | "isDemo" | "versionNumber" | "rows" | "summaries">;

export type BuildBulletinInput = {
  current: BulletinMonth;
  previous: BulletinMonth | null;
  settings?: ProblemSettingsInput;
  texts?: BulletinTexts;
  options?: Partial<BulletinOptions>;
  /** The month's most overdue cases, from its case records (none when the month came from the annex upload). */
  overdueCases?: readonly BulletinOverdueCase[];
  /** The previous month's 整改 tasks in numbers (lib/rectification), when that month was issued. */
  rectification?: RectificationSummary | null;
};

/** An overdue case the bulletin names (lib/case-records/drill-down/case-drill-down.ts loadOverdueCases). */
export type BulletinOverdueCase = { caseNo: string; unitName: string; itemName: string; daysOver: number };
/** How many overdue cases the 办件超时 part names. */
export const BULLETIN_OVERDUE_CASES = 5;

/** How many units the report names: 4 departments, 3 counties, 5 departments by evaluations. */
export const DEFAULT_BULLETIN_OPTIONS: BulletinOptions = {
  topDepartments: 4,
  topDistricts: 3,
  topEvaluationDepartments: 5,
  figureDepartments: 10,
};

const CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const ANNEX_NAME_HEADINGS = { annex1: zhCN.annex.department, annex2: zhCN.annex.district } as const;

/**
 * A figure as the bulletin prints it, from its one decision (lib/indicators/figure-decision.ts):
 * the value, then its label in brackets when it has one (估算…, its basis), or "（未填报）".
 * The dashboard shows the same value with the same label.
 */
function figureText(decision: FigureDecision, unit?: string): string {
  if (decision.value === null) {
    // An evaluation rate without 办结件总数（包含批量件） says why it is not computed.
    return decision.missingReason === "noInclBatch" ? `（${zhCN.figures.labels.missingInclBatch}）` : MISSING_FIGURE;
  }
  const value = decision.kind === "rate" ? plainRate(decision.value) : countWithUnit(decision.value, unit ?? "件");
  const note = describeFigure(decision, zhCN.figures.labels);
  return note ? `${value}（${note}）` : value;
}

/** Why a change is not given, in the bulletin's words ("" when it is). */
function noComparisonNote(comparison: FigureComparison): string {
  if (comparison.status === "compared") return "";
  switch (comparison.reason) {
    case "noPreviousMonth":
      return "";
    case "differentBasis":
      return "（与上月口径不同，未作比较）";
    case "previousMissing":
      return "（上月无该项数据，未作比较）";
    case "currentMissing":
      return "";
  }
}

/**
 * A unit's evaluation rate as the bulletin prints it: a stated rate as stated; one computed
 * from batch-inclusive completions with that basis; none without them (never over `completed`).
 */
function rowEvaluationRate(row: StatRow): string {
  const { value, basis, gap } = rowActiveEvaluationRate(row);
  if (gap === "noInclBatch") return `（${zhCN.figures.labels.missingInclBatch}）`;
  if (value === null) return "（本月无办结件）";
  return plainRate(value) + (basis === "inclBatch" ? `（${zhCN.unit.evaluationBasis.inclBatch}）` : "");
}

function direction(difference: number): "上升" | "下降" | "持平" {
  return difference > 0 ? "上升" : difference < 0 ? "下降" : "持平";
}

/** "5月" within the same year, "2020年12月" across years. */
function shortMonth(month: string, relativeTo: string): string {
  const a = parseMonth(month);
  const b = parseMonth(relativeTo);
  return a.year === b.year ? `${a.month}月` : formatMonthLabel(month);
}

function names(rows: readonly { unitName: string }[]): string {
  return rows.map((r) => r.unitName).join("、");
}

function topRows(rows: readonly StatRow[], field: "completed" | "activeEvaluations", n: number): StatRow[] {
  return topN(rows, field, n).filter((row) => row[field] > 0);
}

/** "市公安局、…办件较好，办结件数量分别为11933件、…。" (empty when no unit has completions). */
function bestUnitsSentence(rows: readonly StatRow[], n: number): string {
  const top = topRows(rows, "completed", n);
  if (top.length === 0) return "";
  const counts = top.map((row) => countWithUnit(row.completed, "件")).join("、");
  return top.length === 1
    ? `${names(top)}办件较好，办结件数量为${counts}。`
    : `${names(top)}办件较好，办结件数量分别为${counts}。`;
}

/** The first paragraph of 总体情况 / 市本级: counts, then the promised-case rates. */
function promisedClause(figures: ScopeDecisions): string {
  return (
    `承诺件办结${figureText(figures.promisedCompleted)}，` +
    `承诺提速${figureText(figures.promiseSpeedupRate)}，` +
    `办理提速率为${figureText(figures.handlingSpeedupRate)}，` +
    `提前办结率${figureText(figures.earlyCompletionRate)}。`
  );
}

/** "其中，公众通过线上申请…": the online paragraph, the same for every scope. */
function onlineParagraph(figures: ScopeDecisions): string {
  return (
    `其中，公众通过线上申请依申请政务服务事项${figureText(figures.onlineApplied)}，` +
    `占比${figureText(figures.onlineShare)}，` +
    `受理${figureText(figures.onlineAccepted)}，` +
    `办结${figureText(figures.onlineCompleted)}。` +
    `承诺件线上办结${figureText(figures.onlinePromisedCompleted)}，` +
    `提前办结率为${figureText(figures.onlineEarlyCompletionRate)}。`
  );
}

const paragraph = (text: string, lead?: string): BulletinBlock =>
  lead ? { type: "paragraph", lead, text } : { type: "paragraph", text };

// ---------------------------------------------------------------------------------------------
// Figures

function series(name: string, month: BulletinMonth, values: (number | null)[]): BulletinSeries {
  return { name, month: month.month, monthLabel: formatMonthLabel(month.month), isDemo: month.isDemo, values };
}

function figureNote(previous: BulletinMonth | null): string | null {
  if (!previous) return "无上月数据，仅列本月。";
  return previous.isDemo
    ? `上月（${formatMonthLabel(previous.month)}）为${zhCN.demo.badge}（系统生成，非真实统计）。`
    : null;
}

function buildFigures(
  current: BulletinMonth,
  previous: BulletinMonth | null,
  decisions: MonthDecisions,
  previousDecisions: MonthDecisions | null,
  options: BulletinOptions,
): BulletinFigure[] {
  const departments = current.rows.filter((r) => r.kind === "DEPARTMENT");
  const districts = current.rows.filter((r) => r.kind === "DISTRICT");
  const previousRows = new Map((previous?.rows ?? []).map((row) => [row.unitCode, row]));
  const note = figureNote(previous);
  const withPrevious = (values: (number | null)[], previousValues: (number | null)[]): BulletinSeries[] =>
    previous
      ? [series(zhCN.chart.previousMonth, previous, previousValues), series(zhCN.chart.thisMonth, current, values)]
      : [series(zhCN.chart.thisMonth, current, values)];
  const caption = (number: number, text: string) => `图${number}.${text}`;

  const previousMonthRef = previous ? { month: previous.month, isDemo: previous.isDemo } : null;
  // Last month's bar only where it compares like with like (lib/indicators/figure-decision.ts).
  const previousOf = (scope: "city" | "municipal", field: "applied" | "accepted" | "completed" | "activeEvaluations") =>
    comparableValue(
      compareFigures(decisions[scope][field], previousDecisions?.[scope][field] ?? null, previousMonthRef),
    );
  const caseFields = ["applied", "accepted", "completed"] as const;
  const fig1: BulletinFigure = {
    id: "fig1",
    number: 1,
    caption: caption(1, FIGURE_CAPTIONS.fig1),
    unit: "件",
    categories: caseFields.map((field) => zhCN.fields[field]),
    series: withPrevious(
      caseFields.map((field) => decisions.city[field].value),
      caseFields.map((field) => previousOf("city", field)),
    ),
    note,
  };

  const shownDepartments = topRows(departments, "completed", options.figureDepartments);
  const fig2: BulletinFigure = {
    id: "fig2",
    number: 2,
    caption: caption(2, FIGURE_CAPTIONS.fig2),
    unit: "件",
    categories: shownDepartments.map((row) => row.unitName),
    series: withPrevious(
      shownDepartments.map((row) => row.completed),
      shownDepartments.map((row) => previousRows.get(row.unitCode)?.completed ?? null),
    ),
    note: [`按本月办结件数列前${shownDepartments.length}个部门。`, note].filter(Boolean).join(""),
  };

  const fig3: BulletinFigure = {
    id: "fig3",
    number: 3,
    caption: caption(3, FIGURE_CAPTIONS.fig3),
    unit: "件",
    categories: districts.map((row) => row.unitName),
    series: withPrevious(
      districts.map((row) => row.completed),
      districts.map((row) => previousRows.get(row.unitCode)?.completed ?? null),
    ),
    note: ["按办结件数。", note].filter(Boolean).join(""),
  };

  const fig4: BulletinFigure = {
    id: "fig4",
    number: 4,
    caption: caption(4, FIGURE_CAPTIONS.fig4),
    unit: "条",
    categories: [zhCN.nav.municipal, ...districts.map((row) => row.unitName)],
    series: withPrevious(
      [decisions.municipal.activeEvaluations.value, ...districts.map((row) => row.activeEvaluations)],
      [
        previousOf("municipal", "activeEvaluations"),
        ...districts.map((row) => previousRows.get(row.unitCode)?.activeEvaluations ?? null),
      ],
    ),
    note,
  };
  return [fig1, fig2, fig3, fig4];
}

// ---------------------------------------------------------------------------------------------
// Annexes

function annexHeader(id: BulletinAnnex["id"]): BulletinHeaderCell[][] {
  const top: BulletinHeaderCell[] = [
    { text: zhCN.annex.seq, colSpan: 1, rowSpan: 2 },
    { text: ANNEX_NAME_HEADINGS[id], colSpan: 1, rowSpan: 2 },
  ];
  const bottom: BulletinHeaderCell[] = [];
  for (const { group, fields } of ANNEX_GROUPS) {
    // 附件1 prints its last two columns under one two-row heading each; 附件2 groups them.
    if (id === "annex1" && fields.length === 1) {
      top.push({ text: zhCN.annex.groups[group], colSpan: 1, rowSpan: 2 });
      continue;
    }
    const groupLabel =
      id === "annex2" && group === "evaluation"
        ? "办件主动评价"
        : id === "annex2" && group === "coverage"
          ? "事项办件情况"
          : zhCN.annex.groups[group];
    top.push({ text: groupLabel, colSpan: fields.length, rowSpan: 1 });
    for (const field of fields) {
      const label = id === "annex2" && field === "coverageRate" ? "办件覆盖度" : zhCN.annex.columns[field];
      bottom.push({ text: label, colSpan: 1, rowSpan: 1 });
    }
  }
  return [top, bottom];
}

/**
 * One annex. A rate whose base is 0 prints "—", as on the dashboard, where the platform's export
 * (and the 2021-06 report) print 0.00%: "no promised case" is not "0% early". The note under the
 * table says what the mark means.
 */
function buildAnnex(id: BulletinAnnex["id"], rows: readonly StatRow[], title: string): BulletinAnnex {
  const fields = ANNEX_FIELDS;
  const cellOf = (row: StatRow, field: AnnexField) =>
    missingRateBase(row, field) ? NO_BASE_MARK : isRateField(field) ? plainRate(row[field]) : plainCount(row[field]);
  const anyNoBase = rows.some((row) => fields.some((field) => missingRateBase(row, field)));
  const notes = id === "annex1" ? ANNEX_NOTES : [];
  return {
    id,
    label: id === "annex1" ? "附件1" : "附件2",
    title,
    columns: fields.map((field) => ({ field, kind: isRateField(field) ? "rate" : "count" })),
    headerRows: annexHeader(id),
    rows: [...rows]
      .sort((a, b) => a.seq - b.seq)
      .map((row) => ({
        unitCode: row.unitCode,
        seq: String(row.seq),
        name: row.unitName,
        cells: fields.map((field) => cellOf(row, field)),
        noCases: hasNoCases(row),
      })),
    notes: anyNoBase
      ? notes.length > 0
        ? [...notes, zhCN.readers.states.noBaseNote]
        : [`注：${zhCN.readers.states.noBaseNote}`]
      : notes,
  };
}

// ---------------------------------------------------------------------------------------------
// 存在的问题

function unitList(units: readonly ProblemUnit[], describe: (unit: ProblemUnit) => string): string {
  return units.map(describe).join("、");
}

function problemText(problem: Problem, current: BulletinMonth): string {
  const monthNumber = parseMonth(current.month).month;
  const threshold = problem.threshold;
  const departments = problem.units.filter((u) => u.kind === "DEPARTMENT");
  const districts = problem.units.filter((u) => u.kind === "DISTRICT");
  const groups = [
    { label: "市级部门", units: departments },
    { label: "县（市、区）", units: districts },
  ].filter((g) => g.units.length > 0);

  switch (problem.kind) {
    case "lowCoverage": {
      const city = problem.city;
      const lead =
        city?.value == null
          ? `截至${monthNumber}月底，全市办件覆盖率${MISSING_FIGURE}。`
          : `截至${monthNumber}月底，全市办件覆盖率${city.triggered ? "仅" : ""}为${plainRate(city.value)}。`;
      const list = groups
        .map(
          (g) => `${g.label}${g.units.length}个：${unitList(g.units, (u) => `${u.unitName}（${plainRate(u.value)}）`)}`,
        )
        .join("；");
      return list ? `${lead}办件覆盖率低于${plainRate(threshold)}的有${list}。` : lead;
    }
    case "evaluationRateDrop": {
      const change = problem.city?.change ?? null;
      const since = problem.previousMonth ? shortMonth(problem.previousMonth, current.month) : "上月";
      // The sentence follows the direction: a city rate that rose is said to rise, and the
      // units that fell are then named as the exception.
      const lead =
        change === null
          ? ""
          : change.points === 0
            ? `与${since}相比，全市主动评价率持平${problem.units.length > 0 ? "，但" : "。"}`
            : `与${since}相比，全市主动评价率${direction(change.points)}了${plainPoints(change.points)}个百分点` +
              (problem.units.length === 0 ? "。" : change.points > 0 ? "，但" : "；");
      if (problem.units.length === 0) return lead;
      const list = unitList(
        problem.units,
        (u) =>
          `${u.unitName}由${plainRate(u.previous)}降至${plainRate(u.value)}，下降${plainPoints(u.change ?? 0)}个百分点`,
      );
      return `${lead}主动评价率下降超过${plainPoints(threshold ?? 0)}个百分点的有：${list}。`;
    }
    case "lowCatalogClaim":
      return `截至${monthNumber}月底，认领率为${plainRate(problem.city?.value)}。`;
    case "noCases": {
      return `${monthNumber}月，${names(problem.units)}共${problem.units.length}个单位在一体化政务服务平台上无办件。`;
    }
    case "overdue": {
      const total = problem.city?.value;
      const lead = `${monthNumber}月，全市超时办结${countWithUnit(total, "件")}。`;
      if (problem.units.length === 0) return lead;
      const list = unitList(
        problem.units,
        (u) => `${u.unitName}超时办结${countWithUnit(u.value, "件")}，按时办结率为${plainRate(u.rate)}`,
      );
      return `${lead}其中，${list}。`;
    }
    case "missingData": {
      const since = problem.previousMonth ? shortMonth(problem.previousMonth, current.month) : "上月";
      return `${names(problem.units)}${since}有运行数据，${monthNumber}月未报送。`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 上月通报问题整改情况 (issue 21): the previous bulletin's tasks, counted by lib/rectification's
// summariseTasks as the 整改 board counts them, and the units this month's problems name again.

function rectificationPart(
  summary: RectificationSummary,
  problems: readonly Problem[],
  current: BulletinMonth,
  issuer: string,
): BulletinPart {
  const since = shortMonth(summary.month, current.month);
  const unitName = (name: string | null) => name ?? issuer;
  const counts =
    `${since}通报的问题共形成整改任务${summary.total}项，已销号${summary.closed}项，` +
    `待审核${summary.answered}项，退回重新整改${summary.returned}项，未反馈${summary.unanswered}项。`;
  const unanswered =
    summary.unansweredUnits.length === 0
      ? "各单位均已反馈。"
      : `未反馈的单位：${summary.unansweredUnits.map(unitName).join("、")}。`;
  // Named again: the same unit (or the administration) for the same problem this month.
  const namedNow = new Set(
    problems.flatMap((p) => (p.units.length === 0 ? [`${p.kind}:`] : p.units.map((u) => `${p.kind}:${u.unitCode}`))),
  );
  const again = summary.tasks.filter((t) => namedNow.has(`${t.problemKind}:${t.unitCode ?? ""}`));
  const againText =
    again.length === 0
      ? "本月无再次被通报的单位。"
      : `本月再次被通报的单位：${again
          .map(
            (t) =>
              `${unitName(t.unitName)}（${(PROBLEM_HEADINGS[t.problemKind as Problem["kind"]] ?? "").replace(/。$/, "")}）`,
          )
          .join("、")}。`;
  return {
    id: "rectification",
    heading: PART_HEADINGS.rectification,
    blocks: [paragraph(counts + unanswered + againText)],
  };
}

// ---------------------------------------------------------------------------------------------

function issueLine(issueDate: string | null): string {
  if (!issueDate) return "　　年　　月　　日印发";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issueDate);
  if (!match) throw new Error(`issue date is not YYYY-MM-DD: ${issueDate}`);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日印发`;
}

/** The bulletin of `current`, compared with `previous` where the report compares. */
export function buildBulletin(input: BuildBulletinInput): Bulletin {
  const { current, previous } = input;
  const texts = resolveBulletinTexts(input.texts);
  const settings = resolveProblemSettings(input.settings);
  const options = { ...DEFAULT_BULLETIN_OPTIONS, ...input.options };
  const monthLabel = formatMonthLabel(current.month);

  const scopes = monthScopes(current.rows, current.summaries);
  const decisions = decideMonthFigures(scopes);
  const previousDecisions = previous ? decideMonthFigures(monthScopes(previous.rows, previous.summaries)) : null;
  const previousMonthRef = previous ? { month: previous.month, isDemo: previous.isDemo } : null;
  const compare = (field: "activeEvaluations" | "activeEvaluationRate") =>
    compareFigures(decisions.city[field], previousDecisions?.city[field] ?? null, previousMonthRef);
  const departments = current.rows.filter((r) => r.kind === "DEPARTMENT");
  const districts = current.rows.filter((r) => r.kind === "DISTRICT");
  const city = decisions.city;
  const municipal = decisions.municipal;
  const counties = decisions.districts;

  // 政务服务事项平台运行情况
  const overview =
    `${monthLabel}，全市通过一体化政务服务平台共申请依申请政务服务事项${figureText(city.applied)}，` +
    `受理${figureText(city.accepted)}，办结${figureText(city.completed)}，` +
    promisedClause(city) +
    (texts.overviewNote ? `（备注：${texts.overviewNote}）` : "");
  const municipalText =
    `全市通过一体化政务服务平台共申请市本级依申请政务服务事项${figureText(municipal.applied)}，` +
    `市本级部门受理${figureText(municipal.accepted)}，办结${figureText(municipal.completed)}；` +
    promisedClause(municipal) +
    bestUnitsSentence(departments, options.topDepartments);
  const countiesText =
    `各县（市、区）通过一体化政务服务平台共申请依申请政务服务事项${figureText(counties.applied)}，` +
    `受理${figureText(counties.accepted)}，办结${figureText(counties.completed)}；` +
    `承诺件办结${figureText(counties.promisedCompleted)}。` +
    bestUnitsSentence(districts, options.topDistricts);

  const operation: BulletinPart = {
    id: "operation",
    heading: PART_HEADINGS.operation,
    blocks: [
      { type: "subheading", text: SUBHEADINGS.overview },
      paragraph(overview),
      paragraph(onlineParagraph(city)),
      { type: "figure", figureId: "fig1" },
      { type: "subheading", text: SUBHEADINGS.municipal },
      paragraph(municipalText),
      paragraph(onlineParagraph(municipal)),
      { type: "figure", figureId: "fig2" },
      { type: "subheading", text: SUBHEADINGS.districts },
      paragraph(countiesText),
      paragraph(onlineParagraph(counties)),
      { type: "figure", figureId: "fig3" },
    ],
  };

  // 好差评情况: changes only like with like (same kind, same basis).
  const evaluationComparison = compare("activeEvaluations");
  const rateComparison = compare("activeEvaluationRate");
  const countChangeText =
    evaluationComparison.status === "compared" && evaluationComparison.kind === "count"
      ? evaluationComparison.change.difference === 0
        ? "，与上月持平"
        : `，较上月${direction(evaluationComparison.change.difference)}${plainCount(Math.abs(evaluationComparison.change.difference))}条`
      : noComparisonNote(evaluationComparison);
  const rateChangeText =
    rateComparison.status === "compared" && rateComparison.kind === "rate"
      ? rateComparison.change.points === 0
        ? "，与上月持平"
        : `，较上月${direction(rateComparison.change.points)}了${plainPoints(rateComparison.change.points)}个百分点` +
          (rateComparison.estimated ? "（估算）" : "")
      : noComparisonNote(rateComparison);
  const noComparison = previous ? "" : "（无上月数据，未作比较）";
  // The stated total includes the evaluations of batch cases; a total from the rows may not.
  const batchNote = city.activeEvaluations.status === "stated" ? "（包含了批量件的办件主动评价）" : "";
  // Every rate printed is on the definition's basis (含批量件) or missing with its reason.
  const definition = EVALUATION_RATE_DEFINITION;
  const evaluationLead =
    `${monthLabel}，全市在一体化政务服务平台上办件主动评价总数${figureText(city.activeEvaluations, "条")}${batchNote}` +
    `${countChangeText}，满意率为${figureText(city.satisfactionRate)}，主动评价率为${figureText(city.activeEvaluationRate)}${rateChangeText}。` +
    noComparison +
    definition;
  const scopeParts = [
    `市本级办件主动评价数为${figureText(municipal.activeEvaluations, "条")}，主动评价率为${figureText(municipal.activeEvaluationRate)}`,
    ...districts.map(
      (row) =>
        `${row.unitName}主动评价数为${countWithUnit(row.activeEvaluations, "条")}，主动评价率为${rowEvaluationRate(row)}`,
    ),
  ];
  const topEvaluated = topRows(departments, "activeEvaluations", options.topEvaluationDepartments);
  const topEvaluatedText =
    topEvaluated.length === 0
      ? ""
      : `主动评价数较多的部门为${names(topEvaluated)}，分别为：${topEvaluated.map((r) => countWithUnit(r.activeEvaluations, "条")).join("、")}，` +
        `主动评价率分别为：${topEvaluated.map((r) => rowEvaluationRate(r)).join("、")}。`;
  const evaluation: BulletinPart = {
    id: "evaluation",
    heading: PART_HEADINGS.evaluation,
    blocks: [
      paragraph(evaluationLead),
      paragraph(`其中，${scopeParts.join("；")}。`),
      ...(topEvaluatedText ? [paragraph(topEvaluatedText)] : []),
      { type: "figure", figureId: "fig4" },
    ],
  };

  // 办件超时情况
  const timeliness: BulletinPart = {
    id: "timeliness",
    heading: PART_HEADINGS.timeliness,
    blocks: [
      paragraph(
        `${monthLabel}，全市一体化政务服务平台超时办结件${figureText(city.overdueCompleted)}，` +
          `按时办结率为${figureText(city.onTimeCompletionRate)}。`,
      ),
      // With case records, the cases furthest over their limit are named (办件明细).
      ...(input.overdueCases && input.overdueCases.length > 0
        ? [
            paragraph(
              `超出承诺时限最多的办件：${input.overdueCases
                .slice(0, BULLETIN_OVERDUE_CASES)
                .map((c) => `${c.unitName}“${c.itemName}”（办件编号${c.caseNo}）超出${c.daysOver}个工作日`)
                .join("；")}。`,
            ),
          ]
        : []),
    ],
  };

  // 存在的问题
  const problems = findProblems(current, previous, settings);
  const problemBlocks: BulletinBlock[] =
    problems.length === 0
      ? [paragraph("本月未发现需要通报的问题。")]
      : problems.map((problem, index) =>
          paragraph(
            problemText(problem, current) + (texts.problemRemarks[problem.kind] ?? ""),
            `（${CHINESE_NUMERALS[index] ?? String(index + 1)}）${PROBLEM_HEADINGS[problem.kind]}`,
          ),
        );
  const problemsPart: BulletinPart = { id: "problems", heading: PART_HEADINGS.problems, blocks: problemBlocks };

  const annex1Title = `${texts.cityName}一体化政务服务平台市级部门运行情况表（${monthLabel}）`;
  const annex2Title = `${texts.cityName}一体化政务服务平台县（市、区）运行情况表（${monthLabel}）`;

  const notices: string[] = [];
  if (current.isDemo) notices.push(`本期数据为${zhCN.demo.badge}（系统生成，非真实统计），仅供演示。`);
  if (previous?.isDemo) {
    notices.push(
      `与上月比较所用的${formatMonthLabel(previous.month)}数据为${zhCN.demo.badge}（系统生成，非真实统计）。`,
    );
  }

  return {
    month: current.month,
    monthLabel,
    isDemo: current.isDemo,
    versionNumber: current.versionNumber,
    previousMonth: previous?.month ?? null,
    previousIsDemo: previous?.isDemo ?? false,
    numberFormat: "plain",
    title: BULLETIN_TITLE,
    subtitle: `（${monthLabel}）`,
    notices,
    parts: [
      operation,
      evaluation,
      timeliness,
      problemsPart,
      ...(input.rectification && input.rectification.total > 0
        ? [rectificationPart(input.rectification, problems, current, texts.issuer)]
        : []),
    ],
    attachmentList: [`附件：1．${annex1Title}`, `2．${annex2Title}`],
    annexes: [buildAnnex("annex1", departments, annex1Title), buildAnnex("annex2", districts, annex2Title)],
    figures: buildFigures(current, previous, decisions, previousDecisions, options),
    problems,
    ruleInputs: ruleInputs(current, previous),
    settings,
    closing: { distribution: texts.distribution, issuer: texts.issuer, issueLine: issueLine(texts.issueDate) },
  };
}
