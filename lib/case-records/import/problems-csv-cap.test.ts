// problems.csv has a cap (issue 19, item 4): an 862 KB upload once wrote a 436 MB list. 300,000
// bad rows write the first 100,000 problems and one line per kind counting the rest; the report
// (and so the page) says what was left out; discarding the upload removes the file.
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { PROBLEMS_CSV_MAX_ROWS } from "@/lib/validation";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { stageCaseImport } from "./stage-import";

let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "cases-problems-cap-"));

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUnits(db.prisma);
  process.env.CASE_UPLOAD_DIR = path.join(dir, "uploads");
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n";
const BAD_ROWS = 300_000;

/** Even rows: 办结 before 受理; odd rows: an unknown 办件类型. One problem each. */
async function badFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write(HEADER);
  for (let i = 0; i < BAD_ROWS; i++) {
    const line =
      i % 2 === 0
        ? `C${i},A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-10 09:00:00,2021-06-10 10:00:00,2021-06-09 10:00:00\n`
        : `C${i},A1,户籍迁移,市公安局,坏类型,20,5,网上申请,否,2021-06-10 09:00:00,2021-06-10 10:00:00,2021-06-11 10:00:00\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

describe("the problems CSV's cap", () => {
  it("300,000 bad rows: the first 100,000 problems, then a count per kind for the rest; the report says so", async () => {
    const input = path.join(dir, "bad.csv");
    await badFile(input);
    const errors = path.join(dir, "problems.csv");
    const result = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-06",
      files: [{ path: input, name: "bad.csv" }],
      errorsCsvPath: errors,
    });
    expect(result.ok).toBe(false);
    expect(result.report.errorCount).toBe(BAD_ROWS);
    const lines = readFileSync(errors, "utf8").split("\n").filter(Boolean);
    const summary = lines.filter((l) => l.startsWith("（未逐行列出）"));
    // Header, 100,000 problems, one line per kind left out.
    expect(lines.length).toBe(1 + PROBLEMS_CSV_MAX_ROWS + summary.length);
    expect(summary).toHaveLength(2);
    const omitted = result.report.problemsCsv!.omitted;
    expect(result.report.problemsCsv!.rows).toBe(PROBLEMS_CSV_MAX_ROWS);
    expect(Object.values(omitted).reduce((n, c) => n + (c ?? 0), 0)).toBe(BAD_ROWS - PROBLEMS_CSV_MAX_ROWS);
    expect(omitted).toEqual({ COMPLETED_BEFORE_ACCEPTED: 100_000, INVALID_VALUE: 100_000 });
    for (const line of summary)
      expect(line).toMatch(/,100000,"?问题清单只列出前 100000 行；此类问题另有 100000 行未列出/);
    // The size follows the cap, not the file: ~300 bytes a problem.
    const size = statSync(errors).size;
    expect(size).toBeLessThan(PROBLEMS_CSV_MAX_ROWS * 400);
    console.log(`[problems-cap] input ${statSync(input).size} bytes, problems.csv ${size} bytes`);
  }, 240_000);

  it("discarding the upload removes its problems.csv from disk", async () => {
    const { caseProblemsCsvPath, caseUploadDir } = await import("@/lib/case-records/upload/storage");
    const { discardCaseUpload } = await import("@/lib/case-records/upload/lifecycle");
    const upload = await db.prisma.caseUpload.create({
      data: { month: "2021-06", files: [{ name: "bad.csv", size: 1 }], status: "REFUSED" },
    });
    mkdirSync(caseUploadDir(upload.id), { recursive: true });
    writeFileSync(caseProblemsCsvPath(upload.id), "文件,工作表,行,列,问题,严重程度,发现的值,说明\n");
    expect(await discardCaseUpload(db.prisma, upload.id)).toEqual({ ok: true });
    expect(existsSync(caseProblemsCsvPath(upload.id))).toBe(false);
  });
});
