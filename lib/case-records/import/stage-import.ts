// Stage a month's case records: read the files (streamed), COPY every valid record into the
// import's own tables, index them, build the rollups and keep the report. Nothing is visible
// until publishCaseImport attaches the tables and writes the version; a file with any error
// leaves nothing behind but the FAILED import and its report.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { basename } from "node:path";
import pg from "pg";
import { labelKey } from "@/lib/spreadsheet/normalize";
import { CappedProblemsCsv, VALIDATION_PROBLEMS_CSV_HEADER } from "@/lib/validation";
import { loadCalendar, readCoveragePeriod } from "../settings";
import { COLUMN_ALIASES_SETTING, type RecordColumn } from "./columns";
import { CopyWriter, copyField, InsertWriter, isPglite, type RowWriter } from "./copy-writer";
import type { CaseRecord, EvaluationRecord } from "./definitions";
import {
  type CatalogueRecord,
  type InputFile,
  type KnownUnit,
  type ParsedFile,
  type ParseSummary,
  parseCaseFiles,
} from "./parse";
import {
  createImportTables,
  dropImportTables,
  ensureMonthPartitions,
  importTableName,
  indexImportTables,
  monthStartDate,
} from "./partitions";
import { buildRollups, deleteRollups } from "./rollups";
import { type CaseProblemCode, type CaseProblemSummary, caseProblemTitle } from "./validation-problems";

export type StageStage = "hash" | "read" | "index" | "rollup" | "done";
/** "queued": waiting for another instance's staging to end (lib/case-records/upload/staging-lock.ts). */
export type StageProgress = { stage: StageStage | "queued"; rows?: number; file?: string };

export type StageOptions = {
  databaseUrl: string;
  month: string;
  files: readonly InputFile[];
  createdById?: number | null;
  /** Where to write every row problem as CSV (the downloadable list); none when absent. */
  errorsCsvPath?: string;
  onProgress?: (progress: StageProgress) => void;
  /** Mappings an admin made for this upload, on top of the remembered ones (lib/case-records/upload/mapping.ts). */
  mappings?: {
    units: ReadonlyArray<{ alias: string; unitId: number }>;
    columns: Readonly<Record<string, RecordColumn>>;
  };
  /** Told the import's id as soon as its row exists (the admin pages link their session to it). */
  onImportCreated?: (importId: number) => void | Promise<void>;
  /**
   * The selection's SHA-256 as an earlier read of the same files recorded it (a refused upload
   * processed again after a mapping): other bytes now throw StoredFilesAltered before anything
   * is written (issue 22, 数据完整性).
   */
  expectedSha256?: string;
};

/** The kept files no longer hash to what was recorded when they were first read. */
export class StoredFilesAltered extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`stored files altered: SHA-256 ${actual}, recorded ${expected}`);
    this.name = "StoredFilesAltered";
  }
}

/** What an import's report holds (CaseImport.report). */
export type CaseImportReport = {
  month: string;
  files: ParsedFile[];
  cases: number;
  evaluations: number;
  items: number;
  unknownItems: number;
  unknownUnits: Record<string, number>;
  errorCount: number;
  warningCount: number;
  problems: CaseProblemSummary[];
  coveragePeriod: string;
  /** Seconds per stage. */
  timings: Partial<Record<StageStage, number>>;
  /** The problems CSV: rows written, and per kind the problems past its cap (absent in older reports). */
  problemsCsv?: { rows: number; omitted: Partial<Record<CaseProblemCode, number>> };
};

export type StageResult = { importId: number; ok: boolean; report: CaseImportReport };

export const CASE_COPY_COLUMNS = [
  "month",
  "importId",
  "caseNo",
  "unitId",
  "itemCode",
  "caseKind",
  "legalDays",
  "promisedDays",
  "channel",
  "isBatch",
  "appliedAt",
  "acceptedAt",
  "completedAt",
  "elapsedDays",
] as const;
export const EVALUATION_COPY_COLUMNS = [
  "month",
  "importId",
  "evaluationNo",
  "caseNo",
  "unitId",
  "evaluatedAt",
  "level",
  "kind",
] as const;
export const ITEM_COPY_COLUMNS = [
  "importId",
  "month",
  "unitId",
  "itemCode",
  "itemName",
  "caseKind",
  "legalDays",
  "promisedDays",
  "inUse",
  "inCatalogue",
] as const;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * The selection's hash (CaseImport.sha256): each file's, sorted and hashed again when there are
 * several, so the same files give the same hash whatever order they came in.
 */
async function selectionSha256(files: readonly InputFile[]): Promise<string> {
  const hashes = await Promise.all(files.map((f) => sha256Of(f.path)));
  return hashes.length === 1
    ? hashes[0]!
    : createHash("sha256")
        .update([...hashes].sort().join("\n"))
        .digest("hex");
}

/**
 * What the reader and the rollups need from the database: the units with their aliases (the
 * remembered ones and this upload's mappings), the remembered column aliases with this upload's
 * on top, the month's working-day calendar, and the coverage period.
 */
export async function readImportSettings(control: pg.Client, options: Pick<StageOptions, "month" | "mappings">) {
  const units = await control.query<{ id: number; name: string }>(`SELECT "id", "name" FROM "Unit"`);
  const aliases = await control.query<{ unitId: number; alias: string }>(`SELECT "unitId", "alias" FROM "UnitAlias"`);
  const unitAliases = [
    ...aliases.rows,
    ...(options.mappings?.units ?? []).map((m) => ({ unitId: m.unitId, alias: m.alias })),
  ];
  const knownUnits: KnownUnit[] = units.rows.map((u) => ({
    id: u.id,
    name: u.name,
    aliases: unitAliases.filter((a) => a.unitId === u.id).map((a) => a.alias),
  }));
  const columnAliasRow = await control.query<{ value: Record<string, RecordColumn> }>(
    `SELECT "value" FROM "Setting" WHERE "key" = '${COLUMN_ALIASES_SETTING}'`,
  );
  const columnAliases = new Map(Object.entries(columnAliasRow.rows[0]?.value ?? {}));
  for (const [label, column] of Object.entries(options.mappings?.columns ?? {}))
    columnAliases.set(labelKey(label), column);
  const calendar = await loadCalendar(control, options.month);
  const coveragePeriod = await readCoveragePeriod(control);
  return { knownUnits, columnAliases, calendar, coveragePeriod };
}

/** The catalogue's items (and the ones met only in the cases) into ServiceItem, after the cases and evaluations. */
async function copyItems(
  itemCopy: RowWriter,
  importId: number,
  month: string,
  items: readonly CatalogueRecord[],
): Promise<void> {
  const f = copyField;
  for (const i of items) {
    const wait = itemCopy.write(
      `${importId}\t${month}\t${i.unitId}\t${f(i.itemCode)}\t${f(i.itemName)}\t${f(i.caseKind)}\t${f(i.legalDays)}\t${f(i.promisedDays)}\t${f(i.inUse)}\t${f(i.inCatalogue)}\n`,
    );
    if (wait) await wait;
  }
  await itemCopy.end();
}

/** The import's report (CaseImport.report), kept whether it staged or failed. */
function importReport(
  month: string,
  summary: ParseSummary,
  coveragePeriod: string,
  timings: CaseImportReport["timings"],
): CaseImportReport {
  return {
    month,
    files: summary.files,
    cases: summary.cases,
    evaluations: summary.evaluations,
    items: summary.items,
    unknownItems: summary.unknownItems,
    unknownUnits: summary.unknownUnits,
    errorCount: summary.problems.errorCount,
    warningCount: summary.problems.warningCount,
    problems: summary.problems.summaries(),
    coveragePeriod,
    timings,
  };
}

export async function stageCaseImport(options: StageOptions): Promise<StageResult> {
  const { month, files } = options;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`月份“${month}”无效，应为 YYYY-MM`);
  const progress = options.onProgress ?? (() => {});
  const timings: CaseImportReport["timings"] = {};
  let t0 = performance.now();
  const lap = (stage: StageStage) => {
    const now = performance.now();
    timings[stage] = Math.round(now - t0) / 1000;
    t0 = now;
  };

  const control = await connect(options.databaseUrl);
  // One connection for the data: the cases' COPY ends before the evaluations' starts (the
  // parser reads them in that order), which the embedded PGlite, one statement at a time, needs.
  const dataClient = await connect(options.databaseUrl);
  let errorsCsv: WriteStream | null = null;
  let problemsCsv: CappedProblemsCsv<CaseProblemCode> | null = null;
  let importId = 0;
  try {
    progress({ stage: "hash" });
    const sha256 = await selectionSha256(files);
    lap("hash");
    if (options.expectedSha256 !== undefined && sha256 !== options.expectedSha256)
      throw new StoredFilesAltered(options.expectedSha256, sha256);

    const { knownUnits, columnAliases, calendar, coveragePeriod } = await readImportSettings(control, options);

    const created = await control.query<{ id: number }>(
      `INSERT INTO "CaseImport" ("month", "fileNames", "sha256", "createdById") VALUES ($1, $2, $3, $4) RETURNING "id"`,
      [month, files.map((f) => basename(f.name)).join(" + "), sha256, options.createdById ?? null],
    );
    importId = created.rows[0]!.id;
    await options.onImportCreated?.(importId);
    await ensureMonthPartitions(control, month);
    await createImportTables(control, importId, month);

    const monthDate = monthStartDate(month);
    // The embedded PGlite cannot take COPY FROM STDIN through its socket server: batched INSERTs there.
    const embedded = await isPglite(control);
    const writer = (client: pg.ClientBase, table: string, columns: readonly string[]): RowWriter =>
      embedded ? new InsertWriter(client, table, columns) : new CopyWriter(client, table, columns);
    const caseCopy = writer(dataClient, importTableName("Case", importId), CASE_COPY_COLUMNS);
    let evaluationCopy: RowWriter | null = null;
    const startEvaluations = async (): Promise<RowWriter> => {
      await caseCopy.end();
      evaluationCopy = writer(dataClient, importTableName("Evaluation", importId), EVALUATION_COPY_COLUMNS);
      return evaluationCopy;
    };
    // Numbers, enumerations and checked times (parseTime's YYYY-MM-DD HH:mm:ss) need no escaping.
    const evaluationLine = (e: EvaluationRecord) =>
      `${prefix}${f(e.evaluationNo)}\t${f(e.caseNo)}\t${e.unitId}\t${e.evaluatedAt}\t${e.level}\t${e.kind}\n`;
    const items: CatalogueRecord[] = [];
    if (options.errorsCsvPath) {
      errorsCsv = createWriteStream(options.errorsCsvPath);
      errorsCsv.write(`\uFEFF${VALIDATION_PROBLEMS_CSV_HEADER}`);
      const out = errorsCsv;
      problemsCsv = new CappedProblemsCsv<CaseProblemCode>((line) => void out.write(line));
    }
    const prefix = `${monthDate}\t${importId}\t`;
    const f = copyField;
    let summary: Awaited<ReturnType<typeof parseCaseFiles>>;
    try {
      summary = await parseCaseFiles(
        files,
        {
          case: (c: CaseRecord) =>
            caseCopy.write(
              `${prefix}${f(c.caseNo)}\t${c.unitId}\t${f(c.itemCode)}\t${c.caseKind}\t${c.legalDays ?? "\\N"}\t${c.promisedDays ?? "\\N"}\t${c.channel}\t${c.isBatch ? "t" : "f"}\t${c.appliedAt ?? "\\N"}\t${c.acceptedAt ?? "\\N"}\t${c.completedAt ?? "\\N"}\t${c.elapsedDays ?? "\\N"}\n`,
            ),
          evaluation: (e: EvaluationRecord) =>
            evaluationCopy
              ? evaluationCopy.write(evaluationLine(e))
              : startEvaluations().then((copy) => copy.write(evaluationLine(e))),
          item: (i: CatalogueRecord) => void items.push(i),
        },
        {
          month,
          units: knownUnits,
          calendar,
          columnAliases,
          onRowProblem: problemsCsv ? (p) => problemsCsv!.add(p, caseProblemTitle(p.code)) : undefined,
          onProgress: (p) => progress({ stage: "read", rows: p.rows, file: p.file }),
        },
      );
    } catch (error) {
      await caseCopy.abort();
      await (evaluationCopy as RowWriter | null)?.abort();
      throw error;
    }
    const report = importReport(month, summary, coveragePeriod, timings);
    if (problemsCsv) {
      problemsCsv.end();
      report.problemsCsv = { rows: problemsCsv.rows, omitted: problemsCsv.omitted() };
    }
    if (summary.problems.errorCount > 0) {
      await caseCopy.abort();
      await (evaluationCopy as RowWriter | null)?.abort();
      lap("read");
      await dropImportTables(control, importId);
      await control.query(`UPDATE "CaseImport" SET "status" = 'FAILED', "report" = $2 WHERE "id" = $1`, [
        importId,
        report,
      ]);
      return { importId, ok: false, report };
    }
    // No evaluation file: the (empty) evaluations table still gets its COPY ended.
    await (evaluationCopy ?? (await startEvaluations())).end();
    if (items.length > 0) await copyItems(writer(control, "ServiceItem", ITEM_COPY_COLUMNS), importId, month, items);
    lap("read");

    progress({ stage: "index" });
    await indexImportTables(control, importId, dataClient);
    lap("index");
    progress({ stage: "rollup" });
    await buildRollups(control, { importId, month, coveragePeriod });
    lap("rollup");
    await control.query(
      `UPDATE "CaseImport" SET "report" = $2, "caseCount" = $3, "evaluationCount" = $4, "itemCount" = $5 WHERE "id" = $1`,
      [importId, report, summary.cases, summary.evaluations, summary.items],
    );
    progress({ stage: "done" });
    return { importId, ok: true, report };
  } catch (error) {
    if (importId) {
      await dropImportTables(control, importId).catch(() => {});
      // A failure inside buildRollups may leave some of the rollups written.
      await deleteRollups(control, importId).catch(() => {});
      await control.query(`UPDATE "CaseImport" SET "status" = 'FAILED' WHERE "id" = $1`, [importId]).catch(() => {});
    }
    throw error;
  } finally {
    if (errorsCsv) await new Promise((resolve) => errorsCsv!.end(resolve));
    await Promise.all([control.end(), dataClient.end().catch(() => {})]);
  }
}
