// The seed's demo month of case records (办件明细, 好差评, 实施清单): a few thousand generated
// cases over every unit, so that an install shows the drill-down (unit → item → case, overdue
// first), 办件超时's overdue cases and the reconciliation out of the box. Like the demo months
// before the reference month, it is invented (deterministically) and stored as demo: the month
// is badged 示例数据 on every page, and its files are named 示例数据-….
//
// The month is DEMO_CASE_MONTH (2020-03), outside the 13 months the reference month's pages
// show (2020-06 … 2021-06), so no figure of 2021-06 or of its history moves, and not the month of
// any test fixture (2020-05, 2019-xx). It goes through the product's own paths, as an admin's
// month would:
//   1. the records are written as the three CSV files (reference-generator.ts, from per-unit
//      figures scaled down from the reference month) and staged (stageCaseImport);
//   2. the annex the platform "reported" for the month — the staged import's own figures (the
//      rows its version will hold, as the admin's preview computes them) with DEMO_ANNEX_DIFFERENCES
//      changed — is uploaded as the flat template CSV and published (stageUpload → publishUpload:
//      version 1, origin UPLOAD);
//   3. the case import is published (publishCaseImport: version 2, origin CASES, current).
// The month's history then holds both kinds of version: /admin/months/2020-03/reconciliation
// finds exactly the cells below.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { publishUpload, stageUpload, templateCsv } from "@/lib/annex-upload";
import {
  type GeneratorUnit,
  generateMonthRecords,
  type MonthUnit,
  publishCaseImport,
  type RowQuery,
  readRollups,
  stageCaseImport,
  statInputs,
  unitScopeSums,
} from "@/lib/case-records";
import { seededRandom } from "@/lib/demo-data/demo-months";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { roundRate } from "@/lib/indicators/rates";
import type { AnnexField, StatRow, UnitKind } from "@/lib/indicators/types";

export const DEMO_CASE_MONTH = "2020-03";
/** Every file the seed imports or uploads for the month is named with this first. */
export const DEMO_FILE_PREFIX = "示例数据";

/** The cells where the demo annex says something else than the records (unit code, column, annex value). */
export const DEMO_ANNEX_DIFFERENCES: ReadonlyArray<{
  unitCode: string;
  field: AnnexField;
  annex: (records: number) => number;
}> = [
  // 市公安局 reported 5 more applications than its records hold (a batch counted twice, say).
  { unitCode: "d08", field: "applied", annex: (n) => n + 5 },
  // 宣汉县 reported one overdue completion fewer.
  { unitCode: "x04", field: "overdueCompleted", annex: (n) => Math.max(0, n - 1) },
  // 渠县's coverage as the platform printed it, from an older catalogue.
  { unitCode: "x06", field: "coverageRate", annex: (rate) => (rate >= 10 ? rate - 8.5 : rate + 8.5) },
];

/** Scale of the month: applications per unit ≈ SCALE × √(the unit's applications in 2021-06), at least MIN_APPLIED. */
const SCALE = 1.2;
const MIN_APPLIED = 12;
/** Catalogue sizes: [items covered, items in use] (in lowest terms, so the generator keeps them). */
const COVERAGE: ReadonlyArray<[number, number]> = [
  [3, 4],
  [4, 5],
  [5, 6],
  [5, 7],
  [7, 8],
  [7, 9],
  [3, 5],
  [5, 8],
  [6, 7],
  [8, 9],
];

const ratio = (num: number, den: number, fallback: number, lo: number, hi: number) =>
  den >= 20 ? Math.min(hi, Math.max(lo, num / den)) : fallback;

/**
 * Per unit, the figures the generated records give exactly: every unit has cases, promised
 * (承诺件) and instant ones on both channels, and most have overdue completions (every district).
 * Deterministic. Units are the database's (name and code), in the reference's order.
 */
export function demoCaseUnits(
  units: ReadonlyArray<{ code: string; name: string; kind: UnitKind }>,
  month: string = DEMO_CASE_MONTH,
): GeneratorUnit[] {
  const random = seededRandom(`demo-cases:${month}`);
  const byCode = new Map(referenceMonth.rows.map((r) => [r.unitCode, r]));
  return units.map((unit, index) => {
    const ref: Partial<StatRow> = byCode.get(unit.code) ?? {};
    const refApplied = ref.applied ?? 0;
    const applied = Math.max(MIN_APPLIED, Math.round(SCALE * Math.sqrt(refApplied)));
    const accepted = Math.round(applied * ratio(ref.accepted ?? 0, refApplied, 0.9, 0.6, 0.98));
    const completed = Math.round(accepted * ratio(ref.completed ?? 0, ref.accepted ?? 0, 0.9, 0.75, 0.97));
    const promisedCompleted = Math.max(
      2,
      Math.round(completed * ratio(ref.promisedCompleted ?? 0, ref.completed ?? 0, 0.5, 0.25, 0.75)),
    );
    const share = ratio(ref.onlineApplied ?? 0, refApplied, 0.4, 0.15, 0.85);
    const onlineApplied = Math.round(applied * share);
    const onlineAccepted = Math.min(onlineApplied, Math.round(accepted * share));
    const onlineCompleted = Math.min(onlineAccepted, Math.round(completed * share));
    // Each channel's promised completions fit in its completions.
    const onlinePromisedCompleted = Math.min(
      onlineCompleted,
      Math.max(promisedCompleted - (completed - onlineCompleted), Math.round(promisedCompleted * share)),
    );
    const counterPromised = promisedCompleted - onlinePromisedCompleted;
    // Overdue: every district, about two departments in three; 1–4 promised cases late.
    const late = unit.kind === "DISTRICT" || random() < 0.65;
    const promisedOverdueCompleted = late
      ? Math.min(promisedCompleted, 1 + Math.floor(random() * Math.min(4, promisedCompleted / 2)))
      : 0;
    const onlinePromisedOverdueCompleted = Math.max(
      promisedOverdueCompleted - counterPromised,
      Math.min(onlinePromisedCompleted, Math.floor(promisedOverdueCompleted * random())),
    );
    // Now and then an instant case (即办件) at the counter finished a day or two late.
    const counterInstant = completed - onlineCompleted - counterPromised;
    const instantOverdue = counterInstant > 0 && random() < 0.3 ? 1 : 0;
    const [covered, inUse] = COVERAGE[index % COVERAGE.length]!;
    return {
      unitName: unit.name,
      unitCode: unit.code,
      kind: unit.kind,
      applied,
      accepted,
      completed,
      overdueCompleted: promisedOverdueCompleted + instantOverdue,
      promisedCompleted,
      promisedOverdueCompleted,
      onlineApplied,
      onlineAccepted,
      onlineCompleted,
      onlinePromisedCompleted,
      onlinePromisedOverdueCompleted,
      activeEvaluations: Math.round(completed * (0.5 + 0.4 * random())),
      promiseSpeedupRate: ref.promiseSpeedupRate && ref.promiseSpeedupRate > 0 ? ref.promiseSpeedupRate : 60,
      coverageRate: roundRate((covered / inUse) * 100),
      activeEvaluationRateReported: null,
    };
  });
}

export type DemoCaseMonthResult =
  | { seeded: false; reason: string }
  | { seeded: true; month: string; importId: number; cases: number; evaluations: number; items: number };

/**
 * Adds the demo case month to a seeded database that nobody has published anything to yet
 * (every version the seed's: REFERENCE or DEMO), once. Left alone: a database without the
 * seed's units, one where an upload or an import was published, and a month that already has
 * its case records or holds data that is not demo. A run cut short after the annex was published
 * resumes with the case records.
 */
export async function seedDemoCaseMonth(
  prisma: PrismaClient,
  databaseUrl: string,
  options: { month?: string; log?: (message: string) => void } = {},
): Promise<DemoCaseMonthResult> {
  const month = options.month ?? DEMO_CASE_MONTH;
  const log = options.log ?? (() => {});
  const existing = await prisma.reportMonth.findUnique({
    where: { month },
    select: { isDemo: true, versions: { select: { origin: true } } },
  });
  if (existing?.versions.some((v) => v.origin === "CASES")) return { seeded: false, reason: "已有办件明细" };
  if (existing && (!existing.isDemo || existing.versions.some((v) => v.origin !== "UPLOAD")))
    return { seeded: false, reason: `${month} 已有非示例数据` };
  const published = await prisma.monthVersion.count({
    where: { month: { not: month }, origin: { notIn: ["REFERENCE", "DEMO"] } },
  });
  if (published > 0) return { seeded: false, reason: "数据库已有发布的数据" };
  const units = await prisma.unit.findMany({
    where: { active: true },
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
    select: { id: true, code: true, name: true, kind: true, sortOrder: true },
  });
  if (units.length === 0) return { seeded: false, reason: "没有单位" };

  const dir = mkdtempSync(path.join(tmpdir(), "demo-cases-"));
  try {
    const generated = await generateMonthRecords({
      outDir: dir,
      month,
      seed: 20200331,
      units: demoCaseUnits(
        units.map((u) => ({ code: u.code, name: u.name, kind: u.kind as UnitKind })),
        month,
      ),
    });
    const files = [
      [generated.cases, "办件明细"],
      [generated.evaluations, "好差评"],
      [generated.catalogue, "实施清单"],
    ].map(([file, kind]) => ({ path: file!, name: `${DEMO_FILE_PREFIX}-${kind}-${month}.csv` }));
    const staged = await stageCaseImport({ databaseUrl, month, files });
    if (!staged.ok)
      throw new Error(
        `demo case month refused: ${JSON.stringify(staged.report.problems.filter((p) => p.severity === "error")).slice(0, 2000)}`,
      );
    log(`办件明细示例已暂存 / demo case records staged (#${staged.importId}, ${staged.report.cases} cases)`);

    if (!existing) {
      // The figures the case version will hold (as publishCaseImport and the admin's preview compute them).
      const query: RowQuery = <T>(sql: string, params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params);
      const sums = unitScopeSums(await readRollups(query, staged.importId));
      const monthUnits: MonthUnit[] = units.map((u) => ({
        id: u.id,
        kind: u.kind as UnitKind,
        sortOrder: u.sortOrder,
      }));
      const rows = statInputs(monthUnits, sums).map((stat) => {
        const unit = units.find((u) => u.id === stat.unitId)!;
        const row = { ...stat, unitName: unit.name, kind: unit.kind as UnitKind };
        for (const change of DEMO_ANNEX_DIFFERENCES)
          if (change.unitCode === unit.code) row[change.field] = change.annex(row[change.field]);
        return row;
      });
      const { annex } = templateCsv({ month, units: rows });
      const upload = await stageUpload(prisma, {
        fileName: `${DEMO_FILE_PREFIX}-附件-${month}.csv`,
        bytes: annex.bytes,
        uploadedById: null,
        month,
      });
      if (upload.kind !== "staged") throw new Error(`demo annex refused: ${JSON.stringify(upload).slice(0, 2000)}`);
      const annexVersion = await publishUpload(prisma, {
        uploadId: upload.uploadId,
        actorId: null,
        acknowledgeWarnings: true,
        acknowledgeGaps: true,
        isDemo: true,
      });
      if (!annexVersion.ok) throw new Error(`demo annex not published: ${annexVersion.message}`);
      log(`附件示例已发布 / demo annex published (v${annexVersion.number})`);
    }

    const version = await publishCaseImport(prisma, staged.importId, { isDemo: true });
    log(`办件明细示例已发布 / demo case records published (${month} v${version.number})`);
    return {
      seeded: true,
      month,
      importId: staged.importId,
      cases: staged.report.cases,
      evaluations: staged.report.evaluations,
      items: staged.report.items,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
