// The reference month through the whole pipeline: the generated records of 2021-06 imported
// (parse → COPY → rollups → version) reproduce every count of 附件1 (and, with CASES_FULL=1,
// of 附件2 too: 1.28 M cases, ~1 min) exactly, unit by unit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { activeEvaluationRate, roundRate } from "@/lib/indicators/rates";
import { COUNT_FIELDS } from "@/lib/indicators/types";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { publishCaseImport } from "./publish-import";
import { generateMonthRecords } from "./reference-generator";
import { stageCaseImport } from "./stage-import";

const FULL = process.env.CASES_FULL === "1";
// Runs on PostgreSQL (npm test, CI) and on the embedded PGlite (plain `npx vitest` without a
// URL), where the rows go through batched INSERTs instead of COPY (lib/case-records/import/copy-writer.ts).
let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "cases-reference-"));

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUnits(db.prisma);
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`generated 2021-06 records → ${FULL ? "附件1 and 附件2" : "附件1"}, exactly`, () => {
  it("reproduces every count of every unit", { timeout: 900_000 }, async () => {
    const units = referenceMonth.rows.filter((r) => FULL || r.kind === "DEPARTMENT");
    const generated = await generateMonthRecords({ outDir: dir, units, gzip: FULL });
    const staged = await stageCaseImport({
      databaseUrl: db.url,
      month: "2021-06",
      files: [generated.cases, generated.evaluations, generated.catalogue].map((p) => ({
        path: p,
        name: path.basename(p),
      })),
    });
    expect(staged.report.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(staged.report.cases).toBe(generated.caseRows);
    const version = await publishCaseImport(db.prisma, staged.importId);

    const stats = await db.prisma.monthlyStat.findMany({
      where: { versionId: version.versionId },
      include: { unit: true },
    });
    const mismatches: string[] = [];
    for (const expected of units) {
      const got = stats.find((s) => s.unit.name === expected.unitName);
      if (!got) {
        mismatches.push(`${expected.unitName}: missing`);
        continue;
      }
      for (const field of COUNT_FIELDS) {
        if (got[field] !== expected[field])
          mismatches.push(`${expected.unitName}.${field}: ${got[field]} ≠ ${expected[field]}`);
      }
      // 网上办理率 is a ratio of counts: exact too.
      if (got.onlineHandlingRate !== expected.onlineHandlingRate)
        mismatches.push(`${expected.unitName}.onlineHandlingRate`);
      // Coverage: the month's (with only June imported, year to date is the month).
      if (got.coverageRate !== expected.coverageRate) {
        mismatches.push(`${expected.unitName}.coverageRate: ${got.coverageRate} ≠ ${expected.coverageRate}`);
      }
      // The counties' stated 主动评价率, from completedInclBatch (batch cases included).
      if (expected.activeEvaluationRateReported != null) {
        const rate = roundRate(activeEvaluationRate(got.activeEvaluations, got.completedInclBatch!));
        if (rate !== expected.activeEvaluationRateReported)
          mismatches.push(`${expected.unitName}.activeEvaluationRate: ${rate}`);
      }
    }
    expect(mismatches).toEqual([]);

    const summaries = await db.prisma.monthlySummary.findMany({ where: { versionId: version.versionId } });
    const municipal = summaries.find((s) => s.scope === "MUNICIPAL")!;
    expect(municipal).toMatchObject({
      applied: 46015,
      accepted: 38017,
      completed: 34944,
      promisedCompleted: 16379,
      onlineApplied: 18830,
    });
    if (FULL) {
      const city = summaries.find((s) => s.scope === "CITY")!;
      // The unit rows' sums (the bulletin's text states 1,048,053 / 568,165: one more of each in 市本级).
      expect(city).toMatchObject({
        applied: 1048052,
        accepted: 568164,
        completed: 535548,
        promisedCompleted: 94414,
        activeEvaluations: 721807,
      });
      expect(city.activeEvaluationRate).toBe(93.94);
      expect(city.onTimeCompletionRate).toBe(100);
    }
  });
});
