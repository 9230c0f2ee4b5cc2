// The daily feed on a real database (PostgreSQL under npm test): batches recorded once, cases
// replaced by 办件编号, an older state arriving late kept out, a bad batch changing nothing, the
// month to date marked provisional, and closing the month giving the month import's figures.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueBulletin } from "@/lib/bulletin/issue/issue-bulletin";
import { publishCaseImport, stageCaseImport } from "@/lib/case-records";
import { seedUnits } from "@/lib/demo-data/seed-database";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { ingestDailyBatch } from "./ingest";
import { closeMonth, MonthClosedError, readProvisionalMonth, refreshMonthToDate } from "./month-to-date";

let feed: TestDatabase;
let monthly: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "daily-feed-"));

beforeAll(async () => {
  [feed, monthly] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await Promise.all([seedUnits(feed.prisma), seedUnits(monthly.prisma)]);
});
afterAll(async () => {
  await Promise.all([feed?.drop(), monthly?.drop()]);
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function file(name: string, text: string) {
  const p = path.join(dir, `${++n}-${name}`);
  writeFileSync(p, text);
  return { path: p, name };
}

const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n";
// [caseNo, item, unit, kind, legal, promised, channel, batch, applied, accepted, completed]
type Row = [string, string, string, string, string, string, string, string, string, string, string];
const casesCsv = (rows: Row[]) =>
  `${HEADER + rows.map((r) => [r[0], r[1], `事项${r[1]}`, ...r.slice(2)].join(",")).join("\n")}\n`;
const G1_ACCEPTED: Row = [
  "G1",
  "A1",
  "市公安局",
  "承诺件",
  "20",
  "5",
  "网上申请",
  "否",
  "2021-06-11 09:00:00",
  "2021-06-11 10:00:00",
  "",
];
const G1_DONE: Row = [...G1_ACCEPTED.slice(0, 10), "2021-06-15 10:00:00"] as Row;
const G2: Row = [
  "G2",
  "A1",
  "市公安局",
  "承诺件",
  "20",
  "5",
  "窗口申请",
  "否",
  "2021-05-28 09:00:00",
  "2021-05-28 09:00:00",
  "2021-06-09 09:00:00",
];
const G3: Row = [
  "G3",
  "A2",
  "市公安局",
  "即办件",
  "1",
  "",
  "窗口申请",
  "否",
  "2021-06-14 09:00:00",
  "2021-06-14 09:00:00",
  "2021-06-14 09:30:00",
];
const G4: Row = [
  "G4",
  "A2",
  "市公安局",
  "即办件",
  "1",
  "",
  "网上申请",
  "是",
  "2021-06-15 09:00:00",
  "2021-06-15 09:00:00",
  "2021-06-15 09:30:00",
];
const X1_ACCEPTED: Row = [
  "X1",
  "B1",
  "宣汉县",
  "承诺件",
  "10",
  "2",
  "网上申请",
  "否",
  "2021-06-10 09:00:00",
  "2021-06-10 09:00:00",
  "",
];
const X1_DONE: Row = [...X1_ACCEPTED.slice(0, 10), "2021-06-11 16:00:00"] as Row;
const X2: Row = [
  "X2",
  "B1",
  "宣汉县",
  "承诺件",
  "10",
  "2",
  "窗口申请",
  "否",
  "2021-06-29 09:00:00",
  "2021-06-29 09:00:00",
  "",
];
const X3: Row = ["X3", "ZZ", "宣汉县", "即办件", "1", "", "窗口申请", "否", "2021-06-30 09:00:00", "", ""];
const CATALOGUE_CSV =
  "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\n" +
  "A1,户籍迁移,市公安局,承诺件,20,5,在用\nA2,身份证,市公安局,即办件,1,0,在用\nA3,旧事项,市公安局,承诺件,10,3,在用\nB1,低保,宣汉县,承诺件,10,2,在用\nB2,停用的,宣汉县,承诺件,10,2,停用\n";
const EVALUATION_HEADER = "评价编号,办件编号,实施主体,评价时间,评价等级,评价类型\n";
const E1 = "E1,G1,市公安局,2021-06-20 10:00:00,非常满意,主动评价\n";
const E2 = "E2,OLD,市公安局,2021-06-02 10:00:00,不满意,主动评价\n";
const E3 = "E3,X1,宣汉县,2021-06-25 10:00:00,满意,默认评价\n";

const day = (db: TestDatabase, asOf: string, files: ReturnType<typeof file>[]) =>
  ingestDailyBatch(db.prisma, { databaseUrl: db.url, files, asOf, source: "CLI" }, (month, d) =>
    refreshMonthToDate(db.prisma, { databaseUrl: db.url, month, asOf: d }),
  );

const dailyCases = (prisma: PrismaClient) =>
  prisma.dailyCase.findMany({ orderBy: { caseNo: "asc" }, omit: { updatedAt: true } });

const currentStats = async (prisma: PrismaClient, month: string) => {
  const rm = await prisma.reportMonth.findUniqueOrThrow({ where: { month } });
  const stats = await prisma.monthlyStat.findMany({
    where: { versionId: rm.currentVersionId! },
    orderBy: { unitId: "asc" },
    omit: { id: true, versionId: true },
  });
  const summaries = await prisma.monthlySummary.findMany({
    where: { versionId: rm.currentVersionId! },
    orderBy: { scope: "asc" },
    omit: { id: true, versionId: true },
  });
  return { stats, summaries };
};

describe("the daily feed", () => {
  it("day 1: cases, catalogue and evaluations recorded; the month to date published and marked provisional", async () => {
    const result = await day(feed, "2021-06-11", [
      file("cases-2021-06-11.csv", casesCsv([G1_ACCEPTED, G2, X1_DONE])),
      file("catalogue.csv", CATALOGUE_CSV),
    ]);
    expect(result).toMatchObject({
      status: "ingested",
      month: "2021-06",
      cases: 3,
      applied: 3,
      stale: 0,
      errorCount: 0,
    });
    expect(result.monthToDate?.versionNumber).toBe(1);
    const rows = await dailyCases(feed.prisma);
    expect(rows.map((r) => [r.caseNo, r.completedAt?.toISOString() ?? null])).toEqual([
      ["G1", null],
      ["G2", "2021-06-09T09:00:00.000Z"],
      ["X1", "2021-06-11T16:00:00.000Z"],
    ]);
    expect(await feed.prisma.dailyItem.count({ where: { month: "2021-06", inCatalogue: true } })).toBe(5);
    expect(await readProvisionalMonth(feed.prisma, "2021-06")).toEqual({ month: "2021-06", asOf: "2021-06-11" });
    // Never in an issued bulletin: issuing refuses the month to date.
    expect(await issueBulletin(feed.prisma, { month: "2021-06", actorId: null })).toEqual({
      ok: false,
      reason: "provisional",
      asOf: "2021-06-11",
    });
    expect(await feed.prisma.bulletinIssue.count()).toBe(0);
    const events = await feed.prisma.auditEvent.findMany({ where: { action: "daily.ingest" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ source: "CLI", asOf: "2021-06-11", cases: 3, applied: 3 });
  });

  it("the same batch sent again changes nothing", async () => {
    const before = await dailyCases(feed.prisma);
    const versions = await feed.prisma.monthVersion.count();
    const again = await day(feed, "2021-06-11", [
      file("cases-2021-06-11.csv", casesCsv([G1_ACCEPTED, G2, X1_DONE])),
      file("catalogue.csv", CATALOGUE_CSV),
    ]);
    expect(again.status).toBe("duplicate");
    expect(await dailyCases(feed.prisma)).toEqual(before);
    expect(await feed.prisma.dailyBatch.count()).toBe(1);
    expect(await feed.prisma.monthVersion.count()).toBe(versions);
    expect(await feed.prisma.auditEvent.count({ where: { action: "daily.ingest" } })).toBe(1);
  });

  it("a batch whose month to date failed is computed when the batch is sent again", async () => {
    const files = [
      file(
        "cases-2021-06-12.csv",
        casesCsv([X2.map((v, i) => (i === 0 ? "R1" : i === 9 || i === 8 ? "2021-06-12 09:00:00" : v)) as Row]),
      ),
    ];
    const failing = await ingestDailyBatch(
      feed.prisma,
      { databaseUrl: feed.url, files, asOf: "2021-06-12", source: "CLI" },
      async () => {
        throw new Error("refresh failed");
      },
    ).catch((error: Error) => error.message);
    expect(failing).toBe("refresh failed");
    expect((await readProvisionalMonth(feed.prisma, "2021-06"))?.asOf).toBe("2021-06-11");
    const retried = await day(feed, "2021-06-12", files);
    expect(retried.status).toBe("duplicate");
    expect(retried.monthToDate).not.toBeNull();
    expect((await readProvisionalMonth(feed.prisma, "2021-06"))?.asOf).toBe("2021-06-12");
    // Once computed, a replay computes nothing.
    expect((await day(feed, "2021-06-12", files)).monthToDate).toBeNull();
    await feed.prisma.dailyCase.delete({ where: { caseNo: "R1" } });
  });

  it("a later state replaces the earlier by 办件编号; nothing is counted twice", async () => {
    const result = await day(feed, "2021-06-15", [
      file("cases-2021-06-15.csv", casesCsv([G1_DONE, G3, G4])),
      file("evaluations.csv", EVALUATION_HEADER + E1),
    ]);
    expect(result).toMatchObject({ status: "ingested", cases: 3, applied: 3, stale: 0 });
    const g1 = await feed.prisma.dailyCase.findUniqueOrThrow({ where: { caseNo: "G1" } });
    expect(g1.completedAt?.toISOString()).toBe("2021-06-15T10:00:00.000Z");
    expect(g1.elapsedDays).toBe(1); // 6-14 was the Dragon Boat Festival holiday
    expect(await feed.prisma.dailyCase.count()).toBe(5);
    const { summaries } = await currentStats(feed.prisma, "2021-06");
    const city = summaries.find((s) => s.scope === "CITY")!;
    // G1, G2, G3, X1 and the batch case G4: each once, though G1 came twice.
    expect(city.completed).toBe(4);
    expect(city.completedInclBatch).toBe(5);
  });

  it("an older state arriving later does not win", async () => {
    // The day-11 state of G1 (受理, not 办结) and of X1 (受理), sent again in another file after day 15's.
    const late = await day(feed, "2021-06-12", [file("late.csv", casesCsv([G1_ACCEPTED, X1_ACCEPTED]))]);
    expect(late).toMatchObject({ status: "ingested", cases: 2, applied: 0, stale: 2 });
    const g1 = await feed.prisma.dailyCase.findUniqueOrThrow({ where: { caseNo: "G1" } });
    expect(g1.completedAt?.toISOString()).toBe("2021-06-15T10:00:00.000Z");
    const x1 = await feed.prisma.dailyCase.findUniqueOrThrow({ where: { caseNo: "X1" } });
    expect(x1.completedAt?.toISOString()).toBe("2021-06-11T16:00:00.000Z");
    // 截至 does not move back to the 12th.
    expect((await readProvisionalMonth(feed.prisma, "2021-06"))?.asOf).toBe("2021-06-15");
    const batch = await feed.prisma.dailyBatch.findUniqueOrThrow({ where: { id: late.batchId! } });
    expect(batch).toMatchObject({ appliedCount: 0, staleCount: 2 });
  });

  it("a bad batch gets the month import's row-level messages and changes nothing", async () => {
    const before = await dailyCases(feed.prisma);
    const batches = await feed.prisma.dailyBatch.count();
    const versions = await feed.prisma.monthVersion.count();
    const bad: Row = [
      "G9",
      "A1",
      "市公安局",
      "承诺件",
      "20",
      "5",
      "网上申请",
      "否",
      "2021-06-20 09:00:00",
      "2021-06-19 09:00:00",
      "",
    ];
    const result = await day(feed, "2021-06-20", [
      file("bad.csv", casesCsv([X2, bad, ["G8", "A1", "某某局", ...G1_DONE.slice(3)] as Row])),
    ]);
    expect(result.status).toBe("refused");
    expect(result.errorCount).toBe(2);
    const messages = result.problems.flatMap((p) => p.first.map((f) => f.message));
    expect(messages.some((m) => m.includes("bad.csv") && m.includes("第 3 行") && m.includes("受理时间"))).toBe(true);
    expect(messages.some((m) => m.includes("第 4 行") && m.includes("某某局"))).toBe(true);
    expect(result.problems.flatMap((p) => p.first.map((f) => f.messageEn)).some((m) => /row 3/i.test(m))).toBe(true);
    // A day's batch need not carry the catalogue or evaluations: not said of a batch.
    expect(result.problems.map((p) => p.code)).not.toContain("NO_CATALOGUE_FILE");
    expect(await dailyCases(feed.prisma)).toEqual(before);
    expect(await feed.prisma.dailyBatch.count()).toBe(batches);
    expect(await feed.prisma.monthVersion.count()).toBe(versions);
  });

  it("closing the month gives the month import's figures for the same records; it is no longer provisional", async () => {
    await day(feed, "2021-06-30", [
      file("cases-2021-06-30.csv", casesCsv([X2, X3])),
      file("evaluations-2021-06-30.csv", EVALUATION_HEADER + E2 + E3),
    ]);
    expect((await readProvisionalMonth(feed.prisma, "2021-06"))?.asOf).toBe("2021-06-30");
    const closed = await closeMonth(feed.prisma, { databaseUrl: feed.url, month: "2021-06", actorId: null });
    expect(closed.cases).toBe(7);
    expect(await readProvisionalMonth(feed.prisma, "2021-06")).toBeNull();
    expect(await feed.prisma.auditEvent.count({ where: { action: "daily.closeMonth", month: "2021-06" } })).toBe(1);

    // The month import of the same records: the cases as they stand at the month's end.
    const staged = await stageCaseImport({
      databaseUrl: monthly.url,
      month: "2021-06",
      files: [
        file("cases-2021-06.csv", casesCsv([G1_DONE, G2, G3, G4, X1_DONE, X2, X3])),
        file("catalogue-2021-06.csv", CATALOGUE_CSV),
        file("evaluations-2021-06.csv", EVALUATION_HEADER + E1 + E2 + E3),
      ],
    });
    expect(staged.ok).toBe(true);
    await publishCaseImport(monthly.prisma, staged.importId);
    const fromFeed = await currentStats(feed.prisma, "2021-06");
    const fromImport = await currentStats(monthly.prisma, "2021-06");
    expect(fromFeed.stats.length).toBeGreaterThan(0);
    expect(fromFeed.stats.find((s) => s.applied > 0)).toBeTruthy();
    expect(fromFeed).toEqual(fromImport);

    // A closed month: later batches update the cases, never its figures.
    await expect(closeMonth(feed.prisma, { databaseUrl: feed.url, month: "2021-06", actorId: null })).rejects.toThrow(
      MonthClosedError,
    );
    const late = await day(feed, "2021-06-30", [
      file("after-close.csv", casesCsv([[...X2.slice(0, 10), "2021-06-30 17:00:00"] as Row])),
    ]);
    expect(late).toMatchObject({ status: "ingested", applied: 1, monthToDate: null });
    expect(await currentStats(feed.prisma, "2021-06")).toEqual(fromImport);
  });

  it("a month import ends the provisional state of its month", async () => {
    await day(feed, "2021-07-02", [
      file(
        "cases-2021-07-02.csv",
        casesCsv(
          [[...X2.slice(0, 8), "2021-07-01 09:00:00", "2021-07-01 09:00:00", ""] as Row].map((r) => {
            r[0] = "J1";
            return r;
          }),
        ),
      ),
    ]);
    expect(await readProvisionalMonth(feed.prisma, "2021-07")).toEqual({ month: "2021-07", asOf: "2021-07-02" });
    const staged = await stageCaseImport({
      databaseUrl: feed.url,
      month: "2021-07",
      files: [
        file(
          "cases-2021-07.csv",
          casesCsv([
            [
              "J1",
              "B1",
              "宣汉县",
              "承诺件",
              "10",
              "2",
              "窗口申请",
              "否",
              "2021-07-01 09:00:00",
              "2021-07-01 09:00:00",
              "2021-07-02 09:00:00",
            ],
          ]),
        ),
      ],
    });
    await publishCaseImport(feed.prisma, staged.importId);
    expect(await readProvisionalMonth(feed.prisma, "2021-07")).toBeNull();
    // …and a later daily batch no longer overwrites the imported month.
    const later = await day(feed, "2021-07-03", [
      file(
        "cases-2021-07-03.csv",
        casesCsv([["J2", "B1", "宣汉县", "承诺件", "10", "2", "窗口申请", "否", "2021-07-03 09:00:00", "", ""]]),
      ),
    ]);
    expect(later.monthToDate).toBeNull();
  });
});
