// One decision per figure, and comparisons only like with like: 2021-06 as stated, and a
// "July" uploaded with the CSV template and no summary figures (the rows of June, nothing
// stated), compared with the stated June. The bulletin and the dashboard's formatting of the
// same decision must give the same value and label.
import { describe, expect, it } from "vitest";
import { type BulletinMonth, buildBulletin, bulletinPlainText } from "@/lib/bulletin/build";
import { plainCount, plainRate } from "@/lib/bulletin/build/numbers";
import { comparisonBadge, figureNoteText, figureValueText } from "@/lib/dashboard/format-figure";
import { zhCN } from "@/lib/i18n/zh-CN";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { emptyReportedSummary, HEADLINE_FIELDS, monthScopes, referenceMonthFromJson } from ".";
import {
  compareFigures,
  compareMonthFigure,
  decideMonthFigures,
  describeFigure,
  type FigureDecision,
} from "./figure-decision";
import { findProblems } from "./problems";

const ref = referenceMonthFromJson(reference);
const june: BulletinMonth = {
  month: "2021-06",
  isDemo: false,
  versionNumber: 1,
  rows: ref.rows,
  summaries: ref.summaries,
};
// As the template carries it: the annex's columns, no stated rate, no 办结件总数（包含批量件）.
const annexOnlyRows = ref.rows.map((r) => ({ ...r, activeEvaluationRateReported: null }));
const july: BulletinMonth = { month: "2021-07", isDemo: false, versionNumber: 1, rows: annexOnlyRows, summaries: {} };
const decisionsOf = (m: BulletinMonth) => decideMonthFigures(monthScopes(m.rows, m.summaries));

describe("decideFigure", () => {
  it("takes every figure 2021-06 states as stated, with the bulletin's basis for the evaluation rate", () => {
    const city = decisionsOf(june).city;
    expect(city.applied).toMatchObject({ status: "stated", value: 1_048_053 });
    expect(city.activeEvaluationRate).toMatchObject({ status: "stated", value: 93.94, basis: "inclBatch" });
    expect(city.coverageRate).toMatchObject({ status: "stated", value: 33.19 });
    for (const field of HEADLINE_FIELDS) expect(describeFigure(city[field], zhCN.figures.labels)).toBeNull();
  });

  it("decides a month without summary figures: exact, estimated (how) or missing, and on which basis", () => {
    const city = decisionsOf(july).city;
    expect(city.applied).toMatchObject({ status: "computed", value: 1_048_052 });
    expect(city.promiseSpeedupRate).toMatchObject({ status: "estimated", method: "weighted" });
    expect(city.satisfactionRate).toMatchObject({ status: "missing", value: null });
    expect(city.coverageRate).toMatchObject({ status: "missing" });
    expect(city.catalogClaimRate).toMatchObject({ status: "missing" });
    // No unit gives its 办结件总数（包含批量件）: the evaluation rate is missing and says why.
    expect(city.activeEvaluationRate).toMatchObject({ status: "missing", value: null, missingReason: "noInclBatch" });
    expect(describeFigure(city.activeEvaluationRate, zhCN.figures.labels)).toBe(
      "未填报办结件总数（含批量件），无法计算",
    );
    expect(describeFigure(city.promiseSpeedupRate, zhCN.figures.labels)).toBe("估算：按各单位比率加权");
    expect(describeFigure(city.satisfactionRate, zhCN.figures.labels)).toBe("未填报");
  });
});

describe("compareFigures: like with like", () => {
  const exact = (value: number, basis: FigureDecision["basis"] = null): FigureDecision => ({
    scope: "city",
    field: "activeEvaluationRate",
    kind: "rate",
    value,
    status: "computed",
    method: null,
    basis,
    missingReason: null,
  });
  const previous = { month: "2021-06", isDemo: false };

  it("compares figures of the same kind and basis", () => {
    const c = compareFigures(exact(95, "inclBatch"), { ...exact(93.94, "inclBatch"), status: "stated" }, previous);
    expect(c).toMatchObject({ status: "compared", kind: "rate", change: { points: 1.06 }, previousIsDemo: false });
  });

  it("does not compare an estimate with an exact figure", () => {
    const estimate: FigureDecision = {
      ...exact(83.53),
      field: "promiseSpeedupRate",
      status: "estimated",
      method: "weighted",
    };
    expect(
      compareFigures(estimate, { ...exact(85.16), field: "promiseSpeedupRate", status: "stated" }, previous),
    ).toMatchObject({ reason: "differentBasis" });
    expect(compareFigures(estimate, { ...estimate, value: 80 }, previous)).toMatchObject({
      status: "compared",
      estimated: true,
    });
  });

  it("says 上月无数据 without a previous month or its figure", () => {
    expect(compareFigures(exact(1), null, null)).toMatchObject({ reason: "noPreviousMonth" });
    expect(compareFigures(exact(1), { ...exact(1), value: null, status: "missing" }, previous)).toMatchObject({
      reason: "previousMissing",
    });
  });

  it("flags a comparison with a demo month, and every badge labels it", () => {
    const c = compareFigures(exact(95), exact(90), { month: "2021-05", isDemo: true });
    expect(c).toMatchObject({ status: "compared", previousIsDemo: true });
    expect(comparisonBadge(c, zhCN).text).toBe("较上月 +5.00个百分点（上月为示例数据）");
    const estimate: FigureDecision = { ...exact(95, "inclBatch"), status: "estimated", method: "impliedDenominator" };
    expect(comparisonBadge(compareFigures(estimate, exact(90, "inclBatch"), previous), zhCN).text).toBe(
      "口径不同，不作比较",
    );
  });
});

describe("the month after 2021-06 without summary figures", () => {
  const bulletin = buildBulletin({ current: july, previous: june });
  const text = bulletinPlainText(bulletin);
  const decisions = decisionsOf(july);

  it("prints no rate from two scopes: without 办结件总数（包含批量件） the evaluation rates are missing and say why", () => {
    const [lead, scopes] = bulletin.parts
      .find((p) => p.id === "evaluation")!
      .blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []));
    // Before: 134.78% for the city and 341.83% for 通川区 (evaluations with batch cases ÷ completions without).
    expect(lead).toContain("主动评价率为（未填报办结件总数（含批量件），无法计算）");
    expect(scopes).toContain("通川区主动评价数为167275条，主动评价率为（未填报办结件总数（含批量件），无法计算）");
    expect(text).not.toMatch(/134\.78%|341\.83%|未含批量件/);
    expect(lead).not.toMatch(/主动评价率为[^，。]*，较上月/);
    // The stated-only wording is not used for a total from the rows; the definition is the bulletin's.
    expect(lead).not.toContain("包含了批量件的办件主动评价");
    expect(lead).toContain("（备注：主动评价率=群众办件主动评价数/办结件总数（包含批量件）×100%）");
    expect(findProblems(july, june).find((p) => p.kind === "evaluationRateDrop")?.city?.change ?? null).toBeNull();
  });

  it("prints every city figure of the overview with the dashboard's value and label", () => {
    const fields = [
      "applied",
      "accepted",
      "completed",
      "promisedCompleted",
      "promiseSpeedupRate",
      "handlingSpeedupRate",
      "earlyCompletionRate",
      "onlineShare",
    ] as const;
    for (const field of fields) {
      const decision = decisions.city[field];
      const note = figureNoteText(decision, zhCN);
      const printed = decision.kind === "rate" ? plainRate(decision.value) : `${plainCount(decision.value)}件`;
      expect(text).toContain(note ? `${printed}（${note}）` : printed);
      // The dashboard shows the same number (with separators) and the same label.
      expect(figureValueText(decision, zhCN).replace(/,/g, "")).toBe(printed);
    }
  });

  it("follows the direction of the change in the evaluation-rate problem", () => {
    // Same basis both months, the city rate up, one unit down by more than the threshold.
    const rows = annexOnlyRows.map((r) => (r.unitName === "渠县" ? { ...r, activeEvaluationRateReported: 80 } : r));
    const city = { CITY: { ...emptyReportedSummary("CITY"), activeEvaluationRate: 95 } };
    const up = buildBulletin({ current: { ...july, rows, summaries: city }, previous: june });
    const paragraph = up.parts
      .find((p) => p.id === "problems")!
      .blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : []))
      .find((t) => t.includes("主动评价率"))!;
    expect(paragraph).toContain("全市主动评价率上升了1.06个百分点，但主动评价率下降超过10.00个百分点的有：渠县");
    expect(
      compareMonthFigure(
        decisionsOf({ ...july, summaries: city }),
        decisionsOf(june),
        june,
        "city",
        "activeEvaluationRate",
      ),
    ).toMatchObject({ status: "compared" });
  });
});
