// The pipeline on a real PostgreSQL: stage (parse → COPY → index → rollups) and publish (attach
// → version from the rollups), with the SQL rollup checked against the TypeScript definitions.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { craftedZip, deflatedEntry } from "@/lib/annex-upload/parse/crafted-xlsx";
import { WorkingDayCalendar } from "@/lib/calendar/working-days";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { CASE_SUM_FIELDS, type CaseRecord, rollupCases } from "./definitions";
import { publishCaseImport } from "./publish-import";
import { pgRowQuery, readRollups } from "./rollups";
import { stageCaseImport } from "./stage-import";

// Runs on PostgreSQL (npm test, CI) and on the embedded PGlite (plain `npx vitest` without a
// URL), where the rows go through batched INSERTs instead of COPY (lib/case-records/import/copy-writer.ts).
let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "cases-pipeline-"));
let gaj: { id: number };
let xuanhan: { id: number };

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUnits(db.prisma);
  gaj = await db.prisma.unit.findUniqueOrThrow({ where: { name: "市公安局" } });
  xuanhan = await db.prisma.unit.findUniqueOrThrow({ where: { name: "宣汉县" } });
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return { path: p, name };
}

const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间,联系电话\n";
// [caseNo, item, unit, kind, legal, promised, channel, batch, applied, accepted, completed]
const ROWS: string[][] = [
  [
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
    "2021-06-15 10:00:00",
  ],
  [
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
  ],
  [
    "G3",
    "A2",
    "市公安局",
    "即办件",
    "1",
    "",
    "窗口申请",
    "否",
    "2021-06-01 09:00:00",
    "2021-06-01 09:00:00",
    "2021-06-01 09:30:00",
  ],
  [
    "G4",
    "A2",
    "市公安局",
    "即办件",
    "1",
    "",
    "网上申请",
    "是",
    "2021-06-02 09:00:00",
    "2021-06-02 09:00:00",
    "2021-06-02 09:30:00",
  ],
  [
    "X1",
    "B1",
    "宣汉县",
    "承诺件",
    "10",
    "2",
    "网上申请",
    "否",
    "2021-06-21 09:00:00",
    "2021-06-21 09:00:00",
    "2021-06-23 09:00:00",
  ],
  ["X2", "B1", "宣汉县", "承诺件", "10", "2", "窗口申请", "否", "2021-06-29 09:00:00", "2021-06-29 09:00:00", ""],
  ["X3", "ZZ", "宣汉县", "即办件", "1", "", "窗口申请", "否", "2021-06-30 09:00:00", "", ""],
];
const CASES_CSV = `${HEADER + ROWS.map((r) => [r[0], r[1], `事项${r[1]}`, ...r.slice(2), "13800000000"].join(",")).join("\n")}\n`;
const CATALOGUE_CSV =
  "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\n" +
  "A1,户籍迁移,市公安局,承诺件,20,5,在用\nA2,身份证,市公安局,即办件,1,0,在用\nA3,旧事项,市公安局,承诺件,10,3,在用\nB1,低保,宣汉县,承诺件,10,2,在用\nB2,停用的,宣汉县,承诺件,10,2,停用\n";
const EVALUATIONS_CSV =
  "评价编号,办件编号,实施主体,评价时间,评价等级,评价类型\n" +
  "E1,G1,市公安局,2021-06-20 10:00:00,非常满意,主动评价\nE2,OLD,市公安局,2021-06-02 10:00:00,不满意,主动评价\nE3,X1,宣汉县,2021-06-25 10:00:00,满意,默认评价\n";

describe("case import pipeline", () => {
  let firstImport = 0;

  it("stages: every valid record in the import's tables, rollups equal to the TypeScript definitions", async () => {
    const result = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-06",
      files: [
        file("cases.csv", CASES_CSV),
        file("catalogue.csv", CATALOGUE_CSV),
        file("evaluations.csv", EVALUATIONS_CSV),
      ],
    });
    expect(result.report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.report).toMatchObject({ cases: 7, evaluations: 3, items: 5, unknownItems: 1 });
    expect(result.report.files.find((f) => f.kind === "cases")!.droppedColumns).toEqual(["联系电话"]);
    firstImport = result.importId;

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Case_import_${firstImport}"`);
      expect(rows[0]!.n).toBe(7);
      // Nothing visible before publishing.
      const visible = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Case"`);
      expect(visible.rows[0]!.n).toBe(0);

      const calendar = new WorkingDayCalendar(2021, 2021);
      const unitId = (name: string) => (name === "市公安局" ? gaj.id : xuanhan.id);
      const records: CaseRecord[] = ROWS.map((r) => ({
        caseNo: r[0]!,
        itemCode: r[1]!,
        unitId: unitId(r[2]!),
        caseKind: r[3] === "承诺件" ? "PROMISED" : "INSTANT",
        legalDays: Number(r[4]),
        promisedDays: r[5] === "" ? (r[1] === "A2" ? 0 : null) : Number(r[5]),
        channel: r[6] === "网上申请" ? "ONLINE" : "COUNTER",
        isBatch: r[7] === "是",
        appliedAt: r[8] || null,
        acceptedAt: r[9] || null,
        completedAt: r[10] || null,
        elapsedDays: r[9] && r[10] ? calendar.elapsedWorkingDays(r[9], r[10]) : null,
      }));
      const expected = rollupCases(records, "2021-06");
      const { cases: actual } = await readRollups(pgRowQuery(client), firstImport);
      const key = (r: { unitId: number; itemCode: string; channel: string }) =>
        `${r.unitId}/${r.itemCode}/${r.channel}`;
      expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
      for (const row of expected) {
        const got = actual.find((a) => key(a) === key(row))!;
        for (const f of CASE_SUM_FIELDS) expect([key(row), f, got[f]]).toEqual([key(row), f, row[f]]);
      }
    } finally {
      await client.end();
    }
  });

  it("publishes a CASES version whose rows come from the rollups", async () => {
    const version = await publishCaseImport(db.prisma, firstImport);
    const stats = await db.prisma.monthlyStat.findMany({ where: { versionId: version.versionId } });
    expect(stats.length).toBe(49); // every active unit, zeros included
    const g = stats.find((s) => s.unitId === gaj.id)!;
    expect(g).toMatchObject({
      applied: 2, // G1, G3 (G2 applied in May, G4 is batch)
      accepted: 2,
      completed: 3, // G1 G2 G3
      promisedCompleted: 2,
      promisedOverdueCompleted: 1, // G2: Fri 05-28 → Wed 06-09 is 8 working days > 5
      overdueCompleted: 1,
      onlineApplied: 1,
      onlinePromisedCompleted: 1,
      completedInclBatch: 4,
      activeEvaluations: 2,
      earlyCompletionRate: 50,
      promiseSpeedupRate: 75, // (40 − 10) / 40
      handlingSpeedupRate: 77.5, // (40 − (1 + 8)) / 40
      coverageRate: 66.67, // A1, A2 of A1–A3
    });
    const x = stats.find((s) => s.unitId === xuanhan.id)!;
    expect(x).toMatchObject({ applied: 3, accepted: 2, completed: 1, coverageRate: 100, activeEvaluations: 0 });
    const version1 = await db.prisma.monthVersion.findUniqueOrThrow({
      where: { id: version.versionId },
      include: { summaries: true },
    });
    expect(version1.origin).toBe("CASES");
    const city = version1.summaries.find((s) => s.scope === "CITY")!;
    expect(city).toMatchObject({
      applied: 5,
      completed: 4,
      completedInclBatch: 5,
      activeEvaluations: 2,
      satisfactionRate: 66.67,
    });
    // the records are now visible through the partitioned parent
    const visible = await db.prisma.$queryRaw<
      Array<{ n: number }>
    >`SELECT count(*)::int AS n FROM "Case" WHERE "month" = DATE '2021-06-01'`;
    expect(visible[0]!.n).toBe(7);
    const month = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2021-06" } });
    expect(month.currentVersionId).toBe(version.versionId);
  });

  it("refuses a file with bad rows: nothing written, the current version unchanged, every row error in the CSV", async () => {
    const before = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2021-06" } });
    const errors = path.join(dir, "errors.csv");
    const bad = CASES_CSV.replace("2021-06-15 10:00:00", "2021-06-10 10:00:00").replace("X2,", "G1,");
    const result = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-06",
      files: [file("bad.csv", bad)],
      errorsCsvPath: errors,
    });
    expect(result.ok).toBe(false);
    expect(result.report.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(["COMPLETED_BEFORE_ACCEPTED", "DUPLICATE_CASE_NO"]),
    );
    const csv = readFileSync(errors, "utf8");
    expect(csv).toContain("第 2 行");
    expect(csv).toContain("办件编号重复");
    const after = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2021-06" } });
    expect(after.currentVersionId).toBe(before.currentVersionId);
    const imp = await db.prisma.caseImport.findUniqueOrThrow({ where: { id: result.importId } });
    expect(imp.status).toBe("FAILED");
    const tables = await db.prisma.$queryRaw<
      Array<{ n: number }>
    >`SELECT count(*)::int AS n FROM pg_class WHERE relname = ${`Case_import_${result.importId}`}`;
    expect(tables[0]!.n).toBe(0);
  });

  it("re-importing the month publishes a new version; the earlier import is superseded and kept", async () => {
    const second = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-06",
      files: [file("cases2.csv", CASES_CSV.replace(/\nX3,.*\n/, "\n")), file("catalogue.csv", CATALOGUE_CSV)],
    });
    expect(second.ok).toBe(true);
    const v2 = await publishCaseImport(db.prisma, second.importId);
    const stats = await db.prisma.monthlyStat.findMany({ where: { versionId: v2.versionId, unitId: xuanhan.id } });
    expect(stats[0]!.applied).toBe(2);
    const imports = await db.prisma.caseImport.findMany({ where: { month: "2021-06" }, orderBy: { id: "asc" } });
    expect(imports.map((i) => i.status)).toEqual(["SUPERSEDED", "FAILED", "PUBLISHED"]);
    const rows = await db.prisma.$queryRaw<Array<{ importId: number; n: number }>>`
      SELECT "importId", count(*)::int AS n FROM "Case" GROUP BY "importId" ORDER BY 1`;
    expect(rows).toEqual([
      { importId: firstImport, n: 7 },
      { importId: second.importId, n: 6 },
    ]);
    await expect(publishCaseImport(db.prisma, second.importId)).rejects.toThrow(/STAGED/);
  });
});

describe("calendar overrides and the coverage period, read by the import", () => {
  it("a local holiday lengthens nothing before it and shortens the count after it; the period setting is used", async () => {
    const { setCalendarOverride, setCoveragePeriod } = await import("@/lib/case-records/calendar-overrides");
    const { loadCalendar, readCoveragePeriod } = await import("../settings");
    await setCalendarOverride(db.prisma, { date: "2021-06-15", isWorkday: false, note: "本地假日" }, null);
    await setCoveragePeriod(db.prisma, "month", null);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const calendar = await loadCalendar(client, "2021-06");
      expect(calendar.elapsedWorkingDays("2021-06-11 10:00:00", "2021-06-16 10:00:00")).toBe(1);
      expect(await readCoveragePeriod(client)).toBe("month");
    } finally {
      await client.end();
    }
    await setCalendarOverride(db.prisma, { date: "2021-06-15", isWorkday: null }, null);
    expect(await db.prisma.workCalendarOverride.count()).toBe(0);
    await expect(setCoveragePeriod(db.prisma, "quarter", null)).rejects.toThrow();
    expect(await db.prisma.auditEvent.count({ where: { action: "settings.update" } })).toBe(3);
  });
});

describe("coverage over the year to date", () => {
  it("counts an item covered by a case of an earlier month's published import", async () => {
    const { setCoveragePeriod } = await import("@/lib/case-records/calendar-overrides");
    await setCoveragePeriod(db.prisma, "yearToDate", null);
    // July: only 市公安局's A3 has a case; A1 and A2 had cases in June (published above).
    const july = (CATALOGUE_CSV: string) =>
      stageCaseImport({
        databaseUrl: db.url,
        month: "2021-07",
        files: [
          file("july.csv", `${HEADER}J1,A3,旧事项,市公安局,承诺件,10,3,窗口申请,否,2021-07-01 09:00:00,,,\n`),
          file("catalogue-july.csv", CATALOGUE_CSV),
        ],
      });
    const staged = await july(CATALOGUE_CSV);
    expect(staged.ok).toBe(true);
    const v = await publishCaseImport(db.prisma, staged.importId);
    const g = await db.prisma.monthlyStat.findFirstOrThrow({ where: { versionId: v.versionId, unitId: gaj.id } });
    expect(g.coverageRate).toBe(100); // A1, A2 (June) + A3 (July) of 3 in use
    await setCoveragePeriod(db.prisma, "month", null);
    const monthOnly = await july(CATALOGUE_CSV);
    const v2 = await publishCaseImport(db.prisma, monthOnly.importId);
    const g2 = await db.prisma.monthlyStat.findFirstOrThrow({ where: { versionId: v2.versionId, unitId: gaj.id } });
    expect(g2.coverageRate).toBe(33.33);
  });
});

// Issue 19, item 2: a stray quote on row 2 of a 5 MB file took 13 min 25 s of CPU before it was
// refused; a .csv.gz of one endless line ran for minutes at 430 MB. Now each is refused within
// the record limit, naming the file and row, and nothing is written.
describe("a CSV past the parser's limits", () => {
  async function refusedQuickly(files: Array<{ path: string; name: string }>) {
    const versions = await db.prisma.monthVersion.count();
    const started = performance.now();
    const result = await stageCaseImport({ databaseUrl: db.url, month: "2021-08", files });
    const seconds = (performance.now() - started) / 1000;
    expect(result.ok).toBe(false);
    expect(seconds).toBeLessThan(15);
    expect(await db.prisma.monthVersion.count()).toBe(versions);
    const imp = await db.prisma.caseImport.findUniqueOrThrow({ where: { id: result.importId } });
    expect(imp.status).toBe("FAILED");
    const tables = await db.prisma.$queryRaw<
      Array<{ n: number }>
    >`SELECT count(*)::int AS n FROM pg_class WHERE relname = ${`Case_import_${result.importId}`}`;
    expect(tables[0]!.n).toBe(0);
    const month = await db.prisma.reportMonth.findUnique({ where: { month: "2021-08" } });
    expect(month?.currentVersionId ?? null).toBeNull();
    return result.report.problems.filter((p) => p.severity === "error").flatMap((p) => p.first);
  }

  it("an unclosed quote on row 2 of ~5 MB: refused in seconds, the row named, no version", async () => {
    const row = `${ROWS[0]!.join(",").replace("2021-06", "2021-08")},13800000000\n`;
    const body = row.repeat(Math.ceil((5 * 1024 * 1024) / row.length));
    const stray = file("stray-quote.csv", `${HEADER}"G0,A1,事项A1,市公安局,承诺件,20,5,网上申请,否,,,,\n${body}`);
    const errors = await refusedQuickly([stray, file("catalogue-08.csv", CATALOGUE_CSV)]);
    expect(errors.map((p) => [p.code, p.file, p.row])).toEqual([["UNCLOSED_QUOTE", "stray-quote.csv", 2]]);
    expect(errors[0]!.message).toBe(
      "文件“stray-quote.csv”，第 2 行：引号没有闭合（超过 1,048,576 个字符仍未结束）：某个字段以英文双引号开头，却没有结束的双引号。请检查这一行的引号。整个导入未被接受。",
    );
    expect(errors[0]!.messageEn).toContain('File "stray-quote.csv", row 2: the quote is not closed');
  });

  it("a field over 32 KiB is named by row and column label", async () => {
    const long = "名".repeat(40_000);
    const errors = await refusedQuickly([
      file("long-field.csv", `${HEADER}G1,A1,${long},市公安局,承诺件,20,5,网上申请,否,,2021-08-02 09:00:00,,\n`),
    ]);
    expect(errors.map((p) => [p.code, p.row, p.column])).toEqual([
      ["FIELD_TOO_LONG", 2, { label: "事项名称", letter: "C" }],
    ]);
    expect(errors[0]!.message).toContain("第 2 行，“事项名称”列（C 列）：内容超过 32,768 个字符");
  });
});

// Issue 19 (information): a .zip holding a zip or binary content failed with PostgreSQL's own
// error (a NUL in a header stored as JSON, or in a COPY line). Each is refused by name.
describe("binary content in a .zip", () => {
  const caseLine = (no: string) =>
    `${no},A1,事项A1,市公安局,承诺件,20,5,网上申请,否,2021-09-11 09:00:00,2021-09-11 10:00:00,2021-09-15 10:00:00,13800000000\n`;
  const CASE_LINE = caseLine("G1");

  it("a nested zip or a binary .csv entry is refused as 不是文本文件, naming the entry; no raw database error", async () => {
    const inner = craftedZip([
      deflatedEntry("image.png", randomBytes(5000)),
      deflatedEntry("x.bin", Buffer.alloc(3000)),
    ]);
    const archive = path.join(dir, "nested.zip");
    writeFileSync(
      archive,
      craftedZip([
        deflatedEntry("cases.csv", HEADER + CASE_LINE),
        deflatedEntry("inner.zip", inner),
        deflatedEntry(
          "other.csv",
          Buffer.concat([Buffer.from("办件编号,受理时间\n"), Buffer.alloc(100), randomBytes(2000)]),
        ),
      ]),
    );
    const versions = await db.prisma.monthVersion.count();
    const result = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-09",
      files: [{ path: archive, name: "nested.zip" }],
    });
    expect(result.ok).toBe(false);
    const errors = result.report.problems.filter((p) => p.severity === "error").flatMap((p) => p.first);
    expect(errors.map((p) => [p.code, p.file])).toEqual([
      ["NOT_TEXT", "nested.zip/inner.zip"],
      ["NOT_TEXT", "nested.zip/other.csv"],
    ]);
    expect(errors[0]!.message).toMatch(/^文件“nested\.zip\/inner\.zip”：不是文本文件/);
    expect(await db.prisma.monthVersion.count()).toBe(versions);
  });

  it("a NUL past the first 64 kB is a broken-encoding error in its row and column", async () => {
    const body = Array.from({ length: Math.ceil(70_000 / CASE_LINE.length) }, (_, i) => caseLine(`G${i}`)).join("");
    const nul = `NUL9,A1,事项\u0000A1,市公安局,承诺件,20,5,网上申请,否,2021-09-11 09:00:00,2021-09-11 10:00:00,,\n`;
    const archive = path.join(dir, "nul.zip");
    writeFileSync(archive, craftedZip([deflatedEntry("cases.csv", HEADER + body + nul)]));
    const result = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-09",
      files: [{ path: archive, name: "nul.zip" }],
    });
    const errors = result.report.problems.filter((p) => p.severity === "error").flatMap((p) => p.first);
    expect(errors.map((p) => [p.code, p.file, p.column?.label])).toEqual([
      ["BROKEN_ENCODING", "nul.zip/cases.csv", "事项名称"],
    ]);
    expect(result.ok).toBe(false);
  });
});
