// A day's batch of case records (办件明细, 好差评, 实施清单: the same files as a month's, holding
// the day's changes) into the daily feed's current state: DailyCase, DailyEvaluation, DailyItem.
//
// - Read with the month import's own reader and row checks (lib/case-records parseCaseFiles):
//   the same row-level messages (file, row, column, zh-CN and en). A batch with any error
//   changes nothing and is not recorded.
// - Recorded once (DailyBatch.sha256 of the content): the same batch sent again changes nothing.
// - A case is one row by 办件编号. A later state replaces the held one; an older one (a batch
//   arriving out of order) does not: states are ordered 申请 < 受理 < 办结, then by the state's
//   time (the 办结, 受理 or 申请 time), and an equal state and time replaces (a correction).
// - Everything of a batch is written in one transaction, with its audit event.
// Then the month to date is refreshed (month-to-date.ts) unless the month is closed.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { basename } from "node:path";
import pg from "pg";
import { recordAuditEvent } from "@/lib/audit";
import {
  type CaseProblemSummary,
  type CaseRecord,
  type CatalogueRecord,
  type EvaluationRecord,
  type InputFile,
  parseCaseFiles,
  readImportSettings,
} from "@/lib/case-records";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type DailyBatchSource = "CLI" | "API";

export type IngestOptions = {
  databaseUrl: string;
  files: readonly InputFile[];
  /** YYYY-MM-DD: the day the batch speaks for; its month is the month the records are read for. */
  asOf: string;
  source: DailyBatchSource;
  createdById?: number | null;
  tokenId?: number | null;
  /** Refresh the month to date after the batch (default true). */
  refresh?: boolean;
};

export type IngestResult = {
  /** ingested: written; duplicate: this content was received before (nothing changed); refused: errors, nothing changed. */
  status: "ingested" | "duplicate" | "refused";
  batchId: number | null;
  month: string;
  asOf: string;
  sha256: string;
  cases: number;
  evaluations: number;
  items: number;
  /** Cases whose state was written (new, or later than the one held). */
  applied: number;
  /** Cases whose state was older than the one held: kept out. */
  stale: number;
  errorCount: number;
  warningCount: number;
  problems: CaseProblemSummary[];
  /** The month-to-date version written after the batch, when the month is still open. */
  monthToDate?: { versionNumber: number } | null;
};

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Today in the administration's time zone (China Standard Time, UTC+8, no daylight saving). */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Each file's SHA-256, sorted and hashed again when there are several (any order, same hash), as CaseImport.sha256. */
export async function batchSha256(files: readonly InputFile[]): Promise<string> {
  const hashes = await Promise.all(files.map((f) => sha256Of(f.path)));
  return hashes.length === 1
    ? hashes[0]!
    : createHash("sha256")
        .update([...hashes].sort().join("\n"))
        .digest("hex");
}

/**
 * A day's batch may carry only evaluations or only the catalogue: the month import's error "no
 * 办件明细" is not one here when another kind came. Every other error refuses the batch.
 */
function blockingErrors(problems: readonly CaseProblemSummary[], kindsRead: number): number {
  return problems
    .filter((p) => p.severity === "error" && !(p.code === "NO_CASES_FILE" && kindsRead > 0))
    .reduce((n, p) => n + p.count, 0);
}

/** The state's rank and time: 申请 1 < 受理 2 < 办结 3, then the time of that state. */
const RANK = (t: string) =>
  `CASE WHEN ${t}."completedAt" IS NOT NULL THEN 3 WHEN ${t}."acceptedAt" IS NOT NULL THEN 2 ELSE 1 END`;
const STATE_TIME = (t: string) => `coalesce(${t}."completedAt", ${t}."acceptedAt", ${t}."appliedAt")`;

// The rows go as one array per column (unnest): several times faster than a JSON document.
const CASE_UPSERT = `
WITH incoming AS (
  SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::"CaseKind"[], $5::int[], $6::int[], $7::"CaseChannel"[],
    $8::boolean[], $9::timestamp[], $10::timestamp[], $11::timestamp[], $12::int[])
    AS x("caseNo", "unitId", "itemCode", "caseKind", "legalDays", "promisedDays", "channel", "isBatch", "appliedAt",
      "acceptedAt", "completedAt", "elapsedDays")
), written AS (
  INSERT INTO "DailyCase" ("caseNo", "month", "unitId", "itemCode", "caseKind", "legalDays", "promisedDays", "channel",
    "isBatch", "appliedAt", "acceptedAt", "completedAt", "elapsedDays", "batchId", "updatedAt")
  SELECT "caseNo", $13::date, "unitId", "itemCode", "caseKind", "legalDays", "promisedDays", "channel",
    "isBatch", "appliedAt", "acceptedAt", "completedAt", "elapsedDays", $14, now() FROM incoming
  ON CONFLICT ("caseNo") DO UPDATE SET
    "month" = EXCLUDED."month", "unitId" = EXCLUDED."unitId", "itemCode" = EXCLUDED."itemCode",
    "caseKind" = EXCLUDED."caseKind", "legalDays" = EXCLUDED."legalDays", "promisedDays" = EXCLUDED."promisedDays",
    "channel" = EXCLUDED."channel", "isBatch" = EXCLUDED."isBatch", "appliedAt" = EXCLUDED."appliedAt",
    "acceptedAt" = EXCLUDED."acceptedAt", "completedAt" = EXCLUDED."completedAt",
    "elapsedDays" = EXCLUDED."elapsedDays", "batchId" = EXCLUDED."batchId", "updatedAt" = now()
  WHERE (${RANK("EXCLUDED")}, ${STATE_TIME("EXCLUDED")}) >= (${RANK('"DailyCase"')}, ${STATE_TIME('"DailyCase"')})
  RETURNING 1
)
SELECT count(*)::int AS "applied" FROM written`;

/** The cases as CASE_UPSERT's column arrays ($1 … $12). */
function caseColumns(cases: readonly CaseRecord[]): unknown[] {
  return [
    cases.map((c) => c.caseNo),
    cases.map((c) => c.unitId),
    cases.map((c) => c.itemCode),
    cases.map((c) => c.caseKind),
    cases.map((c) => c.legalDays),
    cases.map((c) => c.promisedDays),
    cases.map((c) => c.channel),
    cases.map((c) => c.isBatch),
    cases.map((c) => c.appliedAt),
    cases.map((c) => c.acceptedAt),
    cases.map((c) => c.completedAt),
    cases.map((c) => c.elapsedDays),
  ];
}

const EVALUATION_UPSERT = `
INSERT INTO "DailyEvaluation" ("evaluationNo", "month", "caseNo", "unitId", "evaluatedAt", "level", "kind", "batchId")
SELECT "evaluationNo", $2::date, "caseNo", "unitId", "evaluatedAt", "level", "kind", $3
FROM jsonb_to_recordset($1::jsonb) AS x("evaluationNo" text, "caseNo" text, "unitId" int, "evaluatedAt" timestamp,
  "level" smallint, "kind" "EvaluationKind")
ON CONFLICT ("evaluationNo") DO UPDATE SET "month" = EXCLUDED."month", "caseNo" = EXCLUDED."caseNo",
  "unitId" = EXCLUDED."unitId", "evaluatedAt" = EXCLUDED."evaluatedAt", "level" = EXCLUDED."level",
  "kind" = EXCLUDED."kind", "batchId" = EXCLUDED."batchId"`;

// An item met only in the cases (not in this batch's catalogue) never replaces one a catalogue sent.
const ITEM_UPSERT = `
INSERT INTO "DailyItem" ("month", "unitId", "itemCode", "itemName", "caseKind", "legalDays", "promisedDays", "inUse", "inCatalogue", "batchId")
SELECT $2, "unitId", "itemCode", "itemName", "caseKind", "legalDays", "promisedDays", "inUse", "inCatalogue", $3
FROM jsonb_to_recordset($1::jsonb) AS x("unitId" int, "itemCode" text, "itemName" text, "caseKind" "CaseKind",
  "legalDays" int, "promisedDays" int, "inUse" boolean, "inCatalogue" boolean)
ON CONFLICT ("month", "unitId", "itemCode") DO UPDATE SET "itemName" = EXCLUDED."itemName",
  "caseKind" = EXCLUDED."caseKind", "legalDays" = EXCLUDED."legalDays", "promisedDays" = EXCLUDED."promisedDays",
  "inUse" = EXCLUDED."inUse", "inCatalogue" = EXCLUDED."inCatalogue", "batchId" = EXCLUDED."batchId"
WHERE EXCLUDED."inCatalogue" OR NOT "DailyItem"."inCatalogue"`;

/** Has the month's month to date not been computed since `receivedAt` (the month may be closed: the refresh says)? */
async function refreshMissed(prisma: PrismaClient, month: string, receivedAt: Date): Promise<boolean> {
  const done = await prisma.provisionalMonth.findFirst({ where: { month, updatedAt: { gte: receivedAt } } });
  return done === null;
}

/** Rows per statement: a day's 35,000 cases go in a few statements of a few MB each. */
const CHUNK = 20_000;

export async function ingestDailyBatch(
  prisma: PrismaClient,
  options: IngestOptions,
  refreshMonth?: (month: string, asOf: string) => Promise<{ versionNumber: number } | null>,
): Promise<IngestResult> {
  const { asOf } = options;
  if (!isIsoDate(asOf)) throw new Error(`日期“${asOf}”无效，应为 YYYY-MM-DD`);
  const month = asOf.slice(0, 7);
  const sha256 = await batchSha256(options.files);
  const base = {
    month,
    asOf,
    sha256,
    cases: 0,
    evaluations: 0,
    items: 0,
    applied: 0,
    stale: 0,
    errorCount: 0,
    warningCount: 0,
    problems: [] as CaseProblemSummary[],
  };
  const seen = await prisma.dailyBatch.findUnique({ where: { sha256 }, select: { id: true, receivedAt: true } });
  if (seen) {
    // Nothing changes — but when the month to date was not computed after this batch (its
    // refresh failed, say, and the platform retried), it is computed now.
    const monthToDate =
      refreshMonth && (await refreshMissed(prisma, month, seen.receivedAt)) ? await refreshMonth(month, asOf) : null;
    return { ...base, status: "duplicate", batchId: seen.id, monthToDate };
  }

  const control = new pg.Client({ connectionString: options.databaseUrl });
  await control.connect();
  let settings: Awaited<ReturnType<typeof readImportSettings>>;
  try {
    settings = await readImportSettings(control, { month });
  } finally {
    await control.end();
  }
  const cases: CaseRecord[] = [];
  const evaluations: EvaluationRecord[] = [];
  const items: CatalogueRecord[] = [];
  const summary = await parseCaseFiles(
    options.files,
    {
      case: (c) => void cases.push(c),
      evaluation: (e) => void evaluations.push(e),
      item: (i) => void items.push(i),
    },
    { month, units: settings.knownUnits, calendar: settings.calendar, columnAliases: settings.columnAliases },
  );
  // A day's batch holds what changed: a kind of file it lacks is not worth a warning.
  const problems = summary.problems
    .summaries()
    .filter((p) => p.code !== "NO_CATALOGUE_FILE" && p.code !== "NO_EVALUATIONS_FILE");
  const kindsRead = summary.files.filter((f) => f.kind !== null).length;
  const errorCount = blockingErrors(problems, kindsRead);
  const counted = {
    ...base,
    cases: summary.cases,
    evaluations: summary.evaluations,
    items: summary.items,
    errorCount,
    warningCount: problems.filter((p) => p.severity === "warning").reduce((n, p) => n + p.count, 0),
    problems,
  };
  if (errorCount > 0) return { ...counted, status: "refused", batchId: null };

  const monthDate = `${month}-01`;
  const written = await prisma.$transaction(
    async (tx) => {
      // A batch sent twice at once: the second waits here, then finds the first (unique sha256).
      await tx.$queryRawUnsafe(
        `SELECT 1 AS "one" FROM (SELECT pg_advisory_xact_lock(hashtext('daily-batch:' || $1::text))) AS l`,
        sha256,
      );
      const again = await tx.dailyBatch.findUnique({ where: { sha256 }, select: { id: true } });
      if (again) return { batchId: again.id, applied: 0, duplicate: true };
      const batch = await tx.dailyBatch.create({
        data: {
          sha256,
          source: options.source,
          fileNames: options.files.map((f) => basename(f.name)).join(" + "),
          asOf: new Date(`${asOf}T00:00:00Z`),
          month,
          caseCount: cases.length,
          evaluationCount: evaluations.length,
          itemCount: items.length,
          appliedCount: 0,
          staleCount: 0,
          createdById: options.createdById ?? null,
          tokenId: options.tokenId ?? null,
        },
      });
      let applied = 0;
      for (let i = 0; i < cases.length; i += CHUNK) {
        const rows = await tx.$queryRawUnsafe<Array<{ applied: number }>>(
          CASE_UPSERT,
          ...caseColumns(cases.slice(i, i + CHUNK)),
          monthDate,
          batch.id,
        );
        applied += rows[0]?.applied ?? 0;
      }
      for (let i = 0; i < evaluations.length; i += CHUNK)
        await tx.$executeRawUnsafe(
          EVALUATION_UPSERT,
          JSON.stringify(evaluations.slice(i, i + CHUNK)),
          monthDate,
          batch.id,
        );
      for (let i = 0; i < items.length; i += CHUNK)
        await tx.$executeRawUnsafe(ITEM_UPSERT, JSON.stringify(items.slice(i, i + CHUNK)), month, batch.id);
      const stale = cases.length - applied;
      await tx.dailyBatch.update({ where: { id: batch.id }, data: { appliedCount: applied, staleCount: stale } });
      await recordAuditEvent(tx, {
        actorId: options.createdById ?? null,
        action: "daily.ingest",
        month,
        targetType: "DailyBatch",
        targetId: String(batch.id),
        details: {
          source: options.source,
          tokenId: options.tokenId ?? null,
          asOf,
          sha256,
          files: options.files.map((f) => basename(f.name)),
          cases: cases.length,
          evaluations: evaluations.length,
          items: items.length,
          applied,
          stale,
        },
      });
      return { batchId: batch.id, applied, duplicate: false };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  if (written.duplicate) return { ...base, status: "duplicate", batchId: written.batchId };
  const monthToDate = options.refresh === false || !refreshMonth ? null : await refreshMonth(month, asOf);
  return {
    ...counted,
    status: "ingested",
    batchId: written.batchId,
    applied: written.applied,
    stale: cases.length - written.applied,
    monthToDate,
  };
}
