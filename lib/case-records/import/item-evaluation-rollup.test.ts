// The per-item evaluation rollup (CaseItemEvaluationRollup, built by buildRollups, read by the
// items page) against the read-time query the items page ran before it existed, on a hand-built
// month: an evaluation of a case of an earlier month and one of another unit's case (neither on
// an item), an item with cases and no evaluation, a catalogue item with no case. Also: the
// migration's backfill gives the same rows for a published and a staged import, and abandoning
// a staged import deletes its rows. Runs on PostgreSQL and on the embedded PGlite.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CaseImportRef,
  type ItemEvaluations,
  loadUnitItemEvaluations,
  loadUnitItems,
} from "@/lib/case-records/drill-down/case-drill-down";
import { defaultMigrationsDir } from "@/lib/db/migrate";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { markStaleCaseUploads } from "../upload/lifecycle";
import { monthBounds } from "./definitions";
import { publishCaseImport } from "./publish-import";
import { stageCaseImport } from "./stage-import";

const MONTH = "2021-06";
let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "item-evaluations-"));
const unit = {} as Record<"gaj" | "xuanhan" | "civil", number>;

function file(name: string, text: string) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return { path: p, name };
}

const CASES =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n" +
  [
    "G1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2021-06-01 09:00:00,2021-06-01 09:00:00,2021-06-03 09:00:00",
    "G2,A1,户籍迁移,市公安局,承诺件,20,5,窗口申请,否,2021-06-02 09:00:00,2021-06-02 09:00:00,2021-06-04 09:00:00",
    "G3,A2,身份证,市公安局,即办件,1,,窗口申请,否,2021-06-07 09:00:00,2021-06-07 09:00:00,2021-06-07 09:30:00",
    "G4,Q9,临时事项,市公安局,即办件,1,,窗口申请,是,2021-06-08 09:00:00,2021-06-08 09:00:00,2021-06-08 09:30:00",
    "X1,B1,医保,宣汉县,承诺件,10,2,网上申请,否,2021-06-21 09:00:00,2021-06-21 09:00:00,2021-06-23 09:00:00",
  ].join("\n") +
  "\n";
const CATALOGUE =
  "事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,事项状态\n" +
  "A1,户籍迁移,市公安局,承诺件,20,5,在用\nA2,身份证,市公安局,即办件,1,0,在用\nA3,旧事项,市公安局,承诺件,10,3,在用\nB1,医保,宣汉县,承诺件,10,2,在用\n";
// 市公安局: G1 ×2 (active 非常满意, default 满意), G2 (active 不满意), G4 a batch case of the
// item not in the catalogue (active 不满意), OLD (a case of May: no item),
// X1 (宣汉县's case, evaluated under 市公安局: not its case, so no item). 宣汉县: X1. 市民政局
// has no case at all: its one evaluation has no item.
const EVALUATIONS =
  "评价编号,办件编号,实施主体,评价时间,评价等级,评价类型\n" +
  [
    "E1,G1,市公安局,2021-06-10 10:00:00,非常满意,主动评价",
    "E2,G1,市公安局,2021-06-11 10:00:00,满意,默认评价",
    "E3,G2,市公安局,2021-06-12 10:00:00,不满意,主动评价",
    "E4,G4,市公安局,2021-06-12 11:00:00,不满意,主动评价",
    "E5,OLD,市公安局,2021-06-02 10:00:00,满意,主动评价",
    "E6,X1,市公安局,2021-06-25 10:00:00,非常不满意,默认评价",
    "E7,X1,宣汉县,2021-06-25 10:00:00,满意,主动评价",
    "E8,OLD2,市民政局,2021-06-30 23:59:59,基本满意,默认评价",
  ].join("\n") +
  "\n";

const stage = () =>
  stageCaseImport({
    databaseUrl: db.url,
    month: MONTH,
    files: [file("办件明细.csv", CASES), file("实施清单.csv", CATALOGUE), file("好差评.csv", EVALUATIONS)],
  });

/** The items page's read before the rollup (lib/case-records/drill-down/case-drill-down.ts until this change), verbatim. */
async function readTimeEvaluations(ref: CaseImportRef, unitId: number): Promise<Map<string | null, ItemEvaluations>> {
  const { from, to } = monthBounds(ref.month);
  const rows = await db.prisma.$queryRaw<Array<{ itemCode: string | null } & ItemEvaluations>>`
    SELECT c."itemCode",
           count(*)::int AS "evaluations",
           count(*) FILTER (WHERE e."kind" = 'ACTIVE')::int AS "activeEvaluations",
           count(*) FILTER (WHERE e."level" <= 3)::int AS "satisfiedEvaluations"
    FROM "Evaluation" e
    LEFT JOIN "Case" c ON c."month" = ${`${ref.month}-01`}::date AND c."importId" = ${ref.importId}
                      AND c."caseNo" = e."caseNo" AND c."unitId" = e."unitId"
    WHERE e."month" = ${`${ref.month}-01`}::date AND e."importId" = ${ref.importId} AND e."unitId" = ${unitId}
      AND e."evaluatedAt" >= ${from}::timestamp AND e."evaluatedAt" < ${to}::timestamp
    GROUP BY c."itemCode"`;
  return new Map(
    rows.map((r) => [
      r.itemCode,
      {
        evaluations: r.evaluations,
        activeEvaluations: r.activeEvaluations,
        satisfiedEvaluations: r.satisfiedEvaluations,
      },
    ]),
  );
}

type RollupRow = { importId: number; month: string; unitId: number; itemCode: string } & ItemEvaluations;
const rollupRows = () =>
  db.prisma.$queryRawUnsafe<RollupRow[]>(
    `SELECT "importId", "month", "unitId", "itemCode", "evaluations", "activeEvaluations", "satisfiedEvaluations"
     FROM "CaseItemEvaluationRollup" ORDER BY "importId", "unitId", "itemCode"`,
  );

beforeAll(async () => {
  db = await createTestDatabase();
  await seedUnits(db.prisma);
  for (const [key, name] of [
    ["gaj", "市公安局"],
    ["xuanhan", "宣汉县"],
    ["civil", "市民政局"],
  ] as const) {
    unit[key] = (await db.prisma.unit.findUniqueOrThrow({ where: { name } })).id;
  }
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("evaluations per item, built at import", () => {
  let ref: CaseImportRef;
  let stagedOnly = 0;

  beforeAll(async () => {
    const staged = await stage();
    expect(staged.ok).toBe(true);
    await publishCaseImport(db.prisma, staged.importId);
    ref = { importId: staged.importId, month: MONTH };
  });

  it("equals the read-time query, unit by unit, with the figures worked out by hand", async () => {
    for (const unitId of Object.values(unit)) {
      expect(await loadUnitItemEvaluations(db.prisma, ref, unitId)).toEqual(await readTimeEvaluations(ref, unitId));
    }
    expect(await loadUnitItemEvaluations(db.prisma, ref, unit.gaj)).toEqual(
      new Map([
        ["A1", { evaluations: 3, activeEvaluations: 2, satisfiedEvaluations: 2 }],
        ["Q9", { evaluations: 1, activeEvaluations: 1, satisfiedEvaluations: 0 }],
        // OLD (May) and X1 (宣汉县's case).
        [null, { evaluations: 2, activeEvaluations: 1, satisfiedEvaluations: 1 }],
      ]),
    );
    expect(await loadUnitItemEvaluations(db.prisma, ref, unit.xuanhan)).toEqual(
      new Map([["B1", { evaluations: 1, activeEvaluations: 1, satisfiedEvaluations: 1 }]]),
    );
    expect(await loadUnitItemEvaluations(db.prisma, ref, unit.civil)).toEqual(
      new Map([[null, { evaluations: 1, activeEvaluations: 0, satisfiedEvaluations: 1 }]]),
    );
  });

  it("gives the items page its figures: an item with cases and no evaluation, a catalogue item without cases, the unmatched ones apart", async () => {
    const { items, unmatchedEvaluations } = await loadUnitItems(db.prisma, ref, unit.gaj);
    const by = new Map(items.map((i) => [i.itemCode, i]));
    expect(by.get("A1")).toMatchObject({ evaluations: 3, activeEvaluations: 2, satisfactionRate: 66.67 });
    expect(by.get("A2")).toMatchObject({
      hasCases: true,
      evaluations: 0,
      activeEvaluations: 0,
      satisfactionRate: null,
    });
    expect(by.get("A3")).toMatchObject({ hasCases: false, evaluations: 0, satisfactionRate: null });
    expect(by.get("Q9")).toMatchObject({ inCatalogue: false, evaluations: 1, satisfactionRate: 0 });
    expect(unmatchedEvaluations).toEqual({ evaluations: 2, activeEvaluations: 1, satisfiedEvaluations: 1 });
    // The items and the unmatched ones add up to the unit's evaluations in the published figures.
    const unitRollup = await db.prisma.caseUnitRollup.findUniqueOrThrow({
      where: { importId_unitId: { importId: ref.importId, unitId: unit.gaj } },
    });
    const sum = (f: "evaluations" | "activeEvaluations") =>
      items.reduce((s, i) => s + i[f], 0) + unmatchedEvaluations[f];
    expect([sum("evaluations"), sum("activeEvaluations")]).toEqual([
      unitRollup.evaluations,
      unitRollup.activeEvaluations,
    ]);
  });

  it("the migration's backfill gives the same rows for a published import; a staged one gets them at publish", async () => {
    const staged = await stage();
    expect(staged.ok).toBe(true);
    stagedOnly = staged.importId;
    const built = await rollupRows();
    expect(new Set(built.map((r) => r.importId))).toEqual(new Set([ref.importId, stagedOnly]));
    expect(built.filter((r) => r.importId === ref.importId)).toHaveLength(5);

    const migration = readFileSync(
      path.join(defaultMigrationsDir, "20261130211503_item_evaluation_rollup", "migration.sql"),
      "utf8",
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      // As on a database that had the imports before the migration: no table, then the migration.
      await client.query(`DROP TABLE "CaseItemEvaluationRollup"`);
      await client.query(migration);
      expect(await rollupRows()).toEqual(built.filter((r) => r.importId === ref.importId));
      // What publishCaseImport runs first: the staged import's rows, as staging builds them; a second call adds nothing.
      const { ensureItemEvaluationRollup, pgRowQuery } = await import("./rollups");
      await ensureItemEvaluationRollup(pgRowQuery(client), stagedOnly, MONTH);
      await ensureItemEvaluationRollup(pgRowQuery(client), stagedOnly, MONTH);
    } finally {
      await client.end();
    }
    expect(await rollupRows()).toEqual(built);
  });

  it("abandoning a staged import deletes its rows with its other rollups", async () => {
    await db.prisma.caseUpload.create({
      data: { month: MONTH, status: "PROCESSING", files: [], caseImportId: stagedOnly },
    });
    expect(await markStaleCaseUploads(db.prisma)).toBe(1);
    for (const table of ["CaseRollup", "CaseUnitRollup", "CaseItemEvaluationRollup"]) {
      const [row] = await db.prisma.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS "n" FROM "${table}" WHERE "importId" = $1`,
        stagedOnly,
      );
      expect([table, row!.n]).toEqual([table, 0]);
    }
    expect((await rollupRows()).every((r) => r.importId === ref.importId)).toBe(true);
  });
});
