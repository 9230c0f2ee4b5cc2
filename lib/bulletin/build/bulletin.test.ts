// The 2021-06 bulletin against the reference report: every figure its text states must come
// out, in the report's order, from the indicators. Built twice: from the reference JSON with
// a stub previous month (unit), and from a seeded database through loadMonths (integration,
// with the demo 2021-05 the seed generates).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { emptyReportedSummary, referenceMonthFromJson, type StatRow } from "@/lib/indicators";
import reference from "@/prisma/reference/2021-06.json" with { type: "json" };
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { type BulletinMonth, buildBulletin } from "./bulletin";
import { loadBulletinMonths } from "./load";
import { bulletinPlainText } from "./plain-text";
import { REFERENCE_BULLETIN_TEXTS } from "./texts";
import type { Bulletin, BulletinPartId } from "./types";

const ref = referenceMonthFromJson(reference);
const narrative = reference.narrative;
const june: BulletinMonth = {
  month: "2021-06",
  isDemo: false,
  versionNumber: 1,
  rows: ref.rows,
  summaries: ref.summaries,
};
/** May as the bulletin describes it: 549,636 evaluations, 129.03%; demo, like the seeded one. */
const mayStub: BulletinMonth = {
  month: "2021-05",
  isDemo: true,
  versionNumber: 1,
  rows: ref.rows,
  summaries: { CITY: { ...emptyReportedSummary("CITY"), activeEvaluations: 549_636, activeEvaluationRate: 129.03 } },
};

/**
 * Numbers in text, as the bulletin prints them: plain digits, optional decimals, optional
 * minus. A number printed with thousands separators would split and fail the comparisons.
 */
function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

function paragraphs(bulletin: Bulletin, part: BulletinPartId): string[] {
  const found = bulletin.parts.find((p) => p.id === part);
  if (!found) throw new Error(`no part ${part}`);
  return found.blocks.flatMap((b) => (b.type === "paragraph" ? [(b.lead ?? "") + b.text] : []));
}

/** `expected` appear in `actual` in this order (other numbers may come between). */
function expectInOrder(actual: number[], expected: number[]): void {
  let at = 0;
  for (const want of expected) {
    const found = actual.indexOf(want, at);
    expect(found, `${want} after position ${at} in [${actual.join(", ")}]`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

function checkAgainstNarrative(bulletin: Bulletin): void {
  const [overview, overviewOnline, municipal, municipalOnline, counties, countiesOnline] = paragraphs(
    bulletin,
    "operation",
  );
  const c = narrative.city;
  expect(numbersIn(overview!)).toEqual([
    2021,
    6,
    c.applied,
    c.accepted,
    c.completed,
    c.promisedCompleted,
    c.promiseSpeedupRate,
    c.handlingSpeedupRate,
    c.earlyCompletionRate,
  ]);
  expect(overview).toContain(
    "2021年6月，全市通过一体化政务服务平台共申请依申请政务服务事项1048053件，受理568165件，办结535548件",
  );
  expect(numbersIn(overviewOnline!)).toEqual([
    c.onlineApplied,
    c.onlineShare,
    c.onlineAccepted,
    c.onlineCompleted,
    c.onlinePromisedCompleted,
    c.onlineEarlyCompletionRate,
  ]);

  const m = narrative.municipal;
  expect(numbersIn(municipal!)).toEqual([
    m.applied,
    m.accepted,
    m.completed,
    m.promisedCompleted,
    m.promiseSpeedupRate,
    m.handlingSpeedupRate,
    m.earlyCompletionRate,
    ...m.topByCompleted.map(([, n]) => n as number),
  ]);
  expect(municipal).toContain(`${m.topByCompleted.map(([name]) => name).join("、")}办件较好`);
  expect(numbersIn(municipalOnline!)).toEqual([
    m.onlineApplied,
    m.onlineShare,
    m.onlineAccepted,
    m.onlineCompleted,
    m.onlinePromisedCompleted,
    m.onlineEarlyCompletionRate,
  ]);

  const k = narrative.counties;
  expect(numbersIn(counties!)).toEqual([
    k.applied,
    k.accepted,
    k.completed,
    k.promisedCompleted,
    ...k.topByCompleted.map(([, n]) => n as number),
  ]);
  expect(counties).toContain(`${k.topByCompleted.map(([name]) => name).join("、")}办件较好`);
  expect(numbersIn(countiesOnline!)).toEqual([
    k.onlineApplied,
    k.onlineShare,
    k.onlineAccepted,
    k.onlineCompleted,
    k.onlinePromisedCompleted,
    k.onlineEarlyCompletionRate,
  ]);

  const e = narrative.evaluations;
  const [evaluationLead, scopes, topDepartments] = paragraphs(bulletin, "evaluation");
  expectInOrder(numbersIn(evaluationLead!), [
    e.total,
    e.changeFromPreviousMonth,
    e.satisfactionRate,
    e.activeEvaluationRate,
    Math.abs(e.activeEvaluationRateChangePoints),
  ]);
  expect(evaluationLead).toContain("721807条（包含了批量件的办件主动评价），较上月上升172171条");
  expect(evaluationLead).toContain("主动评价率为93.94%，较上月下降了35.09个百分点");
  expect(numbersIn(scopes!)).toEqual([e.municipal.count, e.municipal.rate, ...Object.values(e.districts).flat()]);
  for (const name of Object.keys(e.districts)) expect(scopes).toContain(`${name}主动评价数为`);
  expect(numbersIn(topDepartments!)).toEqual([
    ...e.topDepartments.map(([, count]) => count as number),
    ...e.topDepartments.map(([, , rate]) => rate as number),
  ]);
  expect(topDepartments).toContain(e.topDepartments.map(([name]) => name).join("、"));
  expect(topDepartments).toContain("238.00%");

  const [timeliness] = paragraphs(bulletin, "timeliness");
  expect(numbersIn(timeliness!)).toEqual([
    2021,
    6,
    narrative.timeliness.overdueCompleted,
    narrative.timeliness.onTimeCompletionRate,
  ]);

  const [coverage, evaluationDrop, claim] = paragraphs(bulletin, "problems");
  expect(coverage).toMatch(/^（一）办件覆盖率较低。截至6月底，全市办件覆盖率仅为33\.19%。/);
  expect(numbersIn(coverage!)[1]).toBe(narrative.problems.coverageRate);
  expect(evaluationDrop).toBe(
    "（二）主动评价率下降较多。与5月相比，全市主动评价率下降了35.09个百分点。各地各部门要积极引导办事群众进行办件评价，做到办件“一事一评”。",
  );
  expect(numbersIn(evaluationDrop!)).toEqual([5, narrative.problems.activeEvaluationRateDropPoints]);
  expect(claim).toBe(
    "（三）政务服务事项目录清单未及时认领。截至6月底，认领率为97.80%。各地各部门要及时认领、编辑、发布事项清单，促进事项梳理指标再提升。",
  );
}

/** Every number of the text is a figure of the month, a threshold, or part of a date or a label. */
function checkNothingInvented(bulletin: Bulletin): void {
  const figures = new Set<number>();
  const collect = (value: unknown): void => {
    if (typeof value === "number") figures.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(narrative);
  collect(reference.annex1_departments);
  collect(reference.annex2_districts);
  const settings = bulletin.settings;
  const structural = [
    2021,
    6,
    5,
    7,
    26, // the months and the issue date
    1,
    2, // 附件 1 / 2
    100, // ×100% in the definition
    settings.coverageRateBelow,
    settings.evaluationRateDropAbove,
    ...bulletin.problems.flatMap((p) => [
      p.units.length,
      p.units.filter((u) => u.kind === "DEPARTMENT").length,
      p.units.filter((u) => u.kind === "DISTRICT").length,
    ]),
  ];
  const allowed = new Set([...figures, ...structural]);
  const text = bulletinPlainText(bulletin);
  const stray = numbersIn(text).filter((n) => !allowed.has(n) && !allowed.has(Math.abs(n)));
  expect(stray).toEqual([]);
}

describe("buildBulletin (reference JSON, stub May)", () => {
  const bulletin = buildBulletin({ current: june, previous: mayStub, texts: REFERENCE_BULLETIN_TEXTS });

  it("states every figure of the reference report's text, in its order", () => {
    checkAgainstNarrative(bulletin);
  });

  it("prints no number that is not a figure of the month", () => {
    checkNothingInvented(bulletin);
  });

  it("has the report's title block, parts and closing", () => {
    expect([bulletin.title, bulletin.subtitle]).toEqual(["政务服务事项运行情况", "（2021年6月）"]);
    expect(bulletin.parts.map((p) => p.heading)).toEqual([
      "●政务服务事项平台运行情况",
      "●一体化政务服务平台好差评情况",
      "●一体化政务服务平台办件超时情况",
      "●存在的问题",
    ]);
    expect(bulletin.attachmentList).toEqual([
      "附件：1．达州市一体化政务服务平台市级部门运行情况表（2021年6月）",
      "2．达州市一体化政务服务平台县（市、区）运行情况表（2021年6月）",
    ]);
    expect(bulletin.closing.distribution.map((d) => d.label)).toEqual(["报", "送", "发"]);
    expect(`${bulletin.closing.issuer} ${bulletin.closing.issueLine}`).toBe("达州市政务服务管理局 2021年7月26日印发");
    expect(paragraphs(bulletin, "operation")[0]).toContain("（备注：本月未将批量件纳入办件统计）");
  });

  it("badges the demo previous month", () => {
    expect(bulletin.notices).toEqual(["与上月比较所用的2021年5月数据为示例数据（系统生成，非真实统计）。"]);
    expect(bulletin.figures.every((f) => f.series[0]?.isDemo === true && f.note?.includes("示例数据"))).toBe(true);
  });

  it("lists the problems the rules find, the report's three first, then units without cases", () => {
    expect(bulletin.problems.map((p) => p.kind)).toEqual([
      "lowCoverage",
      "evaluationRateDrop",
      "lowCatalogClaim",
      "noCases",
    ]);
    const noCases = paragraphs(bulletin, "problems")[3]!;
    expect(noCases).toMatch(/^（四）部分部门（单位）无办件。6月，市委宣传部、市农业农村局、.*市消防救援支队共13个单位/);
  });

  it("names the most overdue cases in 办件超时 when the month has case records, and only then", () => {
    expect(paragraphs(bulletin, "timeliness")).toHaveLength(1);
    const cases = [
      { caseNo: "PG3", unitName: "市公安局", itemName: "户籍迁移", daysOver: 6 },
      { caseNo: "MZ1", unitName: "市民政局", itemName: "低保", daysOver: 4 },
    ];
    const named = buildBulletin({
      current: june,
      previous: mayStub,
      texts: REFERENCE_BULLETIN_TEXTS,
      overdueCases: cases,
    });
    expect(paragraphs(named, "timeliness")[1]).toBe(
      "超出承诺时限最多的办件：市公安局“户籍迁移”（办件编号PG3）超出6个工作日；市民政局“低保”（办件编号MZ1）超出4个工作日。",
    );
  });

  it("appends the admin's remark instead of the default one", () => {
    const withRemark = buildBulletin({
      current: june,
      previous: mayStub,
      texts: { problemRemarks: { lowCatalogClaim: "与其他市州相比，排名靠后。" } },
    });
    expect(paragraphs(withRemark, "problems")[2]).toBe(
      "（三）政务服务事项目录清单未及时认领。截至6月底，认领率为97.80%。与其他市州相比，排名靠后。",
    );
  });

  it("gives both annexes with the report's rows, cells and grouped headings", () => {
    const [annex1, annex2] = bulletin.annexes;
    expect(annex1.title).toBe("达州市一体化政务服务平台市级部门运行情况表（2021年6月）");
    expect(annex1.rows).toHaveLength(41);
    expect(annex2.rows).toHaveLength(8);
    const land = annex1.rows.find((r) => r.name === "市自然资源和规划局")!;
    expect(land.cells).toEqual([
      "5917",
      "5907",
      "3578",
      "0",
      "1478",
      "0",
      "92.65%",
      "-19.97%",
      "100.00%",
      "0",
      "0",
      "0",
      "0",
      "0",
      // No online promised case: the report prints 0.00%, the bulletin "—" with its note.
      "—",
      "—",
      "—",
      "530",
      "61.82%",
    ]);
    expect(annex1.rows[0]).toMatchObject({ seq: "1", name: "市委宣传部", noCases: true });
    expect(annex1.rows[0]!.cells.at(-1)).toBe("50.00%");
    expect(annex2.rows[3]!.cells.slice(0, 3)).toEqual(["260342", "143834", "141678"]);
    expect(annex2.rows[5]!.name).toBe("渠县");
    for (const annex of [annex1, annex2]) {
      const width = (row: number) =>
        annex.headerRows[row]!.reduce((n, c) => n + c.colSpan, 0) +
        (row === 1 ? annex.headerRows[0]!.filter((c) => c.rowSpan === 2).length : 0);
      expect(width(0)).toBe(21);
      expect(width(1)).toBe(21);
    }
    expect(annex1.headerRows[0]!.map((c) => c.text)).toContain("事项办件覆盖率");
    expect(annex2.headerRows[1]!.map((c) => c.text)).toContain("办件覆盖度");
    // The report's 9 notes, then what "—" means.
    expect(annex1.notes).toHaveLength(10);
    expect(annex1.notes.at(-1)).toBe("—：无计算基数（分母为0）");
  });

  it("carries the four figures' data series", () => {
    const [fig1, fig2, fig3, fig4] = bulletin.figures;
    expect(fig1!.caption).toBe("图1.全市办理政务服务事项与上月对比情况");
    expect(fig1!.series.at(-1)!.values).toEqual([1_048_053, 568_165, 535_548]);
    expect(fig2!.categories.slice(0, 4)).toEqual([
      "市公安局",
      "市人力资源和社会保障局",
      "市住房公积金管理中心",
      "市自然资源和规划局",
    ]);
    expect(fig3!.categories).toHaveLength(8);
    expect(fig4!.categories[0]).toBe("市本级");
    expect(fig4!.series.at(-1)!.values.slice(0, 2)).toEqual([31_896, 167_275]);
  });
});

describe("buildBulletin without what the report states", () => {
  it("says （未填报） for figures nothing gives, and labels an estimate as one (the dashboard's label)", () => {
    const bare: BulletinMonth = { ...june, summaries: {} };
    const bulletin = buildBulletin({ current: bare, previous: null });
    const [overview] = paragraphs(bulletin, "operation");
    // Counts add up from the rows; speed-up rates are weighted estimates, and say so.
    expect(overview).toContain("共申请依申请政务服务事项1048052件");
    expect(overview).toContain(
      "承诺提速83.31%（估算：按各单位比率加权），办理提速率为91.57%（估算：按各单位比率加权）",
    );
    const [lead] = paragraphs(bulletin, "evaluation");
    expect(lead).toContain("满意率为（未填报）");
    expect(lead).toContain("（无上月数据，未作比较）");
    expect(bulletin.problems.map((p) => p.kind)).toEqual(["lowCoverage", "noCases"]);
    expect(paragraphs(bulletin, "problems")[0]).toMatch(
      /^（一）办件覆盖率较低。截至6月底，全市办件覆盖率（未填报）。办件覆盖率低于50.00%的有市级部门25个/,
    );
    // Rules without their input say so rather than "nothing found".
    expect(bulletin.ruleInputs.find((r) => r.kind === "lowCatalogClaim")).toMatchObject({ input: "none" });
    expect(bulletin.ruleInputs.find((r) => r.kind === "lowCoverage")).toMatchObject({ input: "partial" });
    expect(bulletin.ruleInputs.find((r) => r.kind === "evaluationRateDrop")).toMatchObject({ input: "none" });
    expect(bulletin.figures[0]!.series.map((s) => s.name)).toEqual(["本月"]);
    expect(bulletin.closing.issueLine).toBe("　　年　　月　　日印发");
  });

  it("computes a district's evaluation rate only from 办结件总数（包含批量件）, saying so; without it, says why not", () => {
    const without: StatRow[] = ref.rows.map((r) =>
      r.unitName === "达州高新区" ? { ...r, activeEvaluationRateReported: null } : r,
    );
    // Not 2613 / 1342 (completions without batch cases): missing, with the reason.
    expect(
      paragraphs(buildBulletin({ current: { ...june, rows: without }, previous: mayStub }), "evaluation")[1],
    ).toContain("达州高新区主动评价数为2613条，主动评价率为（未填报办结件总数（含批量件），无法计算）");
    const withBase: StatRow[] = without.map((r) =>
      r.unitName === "达州高新区" ? { ...r, completedInclBatch: 2700 } : r,
    );
    expect(
      paragraphs(buildBulletin({ current: { ...june, rows: withBase }, previous: mayStub }), "evaluation")[1],
    ).toContain("达州高新区主动评价数为2613条，主动评价率为96.78%（按办结件总数（含批量件）计算）");
  });

  it("badges a demo month itself", () => {
    const bulletin = buildBulletin({ current: { ...june, isDemo: true }, previous: null });
    expect(bulletin.notices[0]).toContain("示例数据");
  });
});

describe("buildBulletin from the seeded database (2021-05 demo, 2021-06 reference)", () => {
  let db: TestDatabase;
  let bulletin: Bulletin;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDatabase(db.prisma);
    const months = await loadBulletinMonths(db.prisma, "2021-06");
    bulletin = buildBulletin({ ...months!, texts: REFERENCE_BULLETIN_TEXTS });
  });
  afterAll(() => db?.drop());

  it("loads no previous month before the first one, and nothing for a month without data", async () => {
    expect((await loadBulletinMonths(db.prisma, "2020-06"))?.previous).toBeNull();
    expect(await loadBulletinMonths(db.prisma, "2030-01")).toBeNull();
  });

  it("states every figure of the reference report's text, in its order", () => {
    checkAgainstNarrative(bulletin);
    expect([bulletin.previousMonth, bulletin.previousIsDemo]).toEqual(["2021-05", true]);
    expect(bulletin.problems.slice(0, 3).map((p) => p.kind)).toEqual([
      "lowCoverage",
      "evaluationRateDrop",
      "lowCatalogClaim",
    ]);
  });
});
