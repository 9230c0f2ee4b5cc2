// Stage a month from records already in the database (the daily feed's current state,
// lib/supervision/daily-feed), through the very steps a month import takes after its COPY: the
// import's own tables, their indexes, the rollups (rollups.ts). Its figures are then the month
// import's for the same records by construction; publishCaseImport makes it a version.
import { createHash } from "node:crypto";
import pg from "pg";
import { readCoveragePeriod } from "../settings";
import {
  createImportTables,
  dropImportTables,
  ensureMonthPartitions,
  importTableName,
  indexImportTables,
  monthStartDate,
} from "./partitions";
import { buildRollups, deleteRollups } from "./rollups";
import { CASE_COPY_COLUMNS, EVALUATION_COPY_COLUMNS, ITEM_COPY_COLUMNS } from "./stage-import";

/**
 * SELECTs giving the records: cases ("caseNo", "unitId", "itemCode", "caseKind", "legalDays",
 * "promisedDays", "channel", "isBatch", "appliedAt", "acceptedAt", "completedAt",
 * "elapsedDays"), evaluations ("evaluationNo", "caseNo", "unitId", "evaluatedAt", "level",
 * "kind") and catalogue items ("unitId", "itemCode", "itemName", "caseKind", "legalDays",
 * "promisedDays", "inUse", "inCatalogue"), in these orders, each taking $1 (the month, YYYY-MM).
 */
export type RecordSelects = { cases: string; evaluations: string; items: string };

// The staged tables' columns, as the file import copies them, without the two it sets itself.
const withoutImportColumns = (columns: readonly string[]) => columns.filter((c) => c !== "month" && c !== "importId");
const CASE_COLUMNS = withoutImportColumns(CASE_COPY_COLUMNS);
const EVALUATION_COLUMNS = withoutImportColumns(EVALUATION_COPY_COLUMNS);
const ITEM_COLUMNS = withoutImportColumns(ITEM_COPY_COLUMNS);
const quoted = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");

export async function stageCaseImportFromTables(options: {
  databaseUrl: string;
  month: string;
  /** What the import's list shows for its files (e.g. 每日数据截至 2021-06-15). */
  label: string;
  selects: RecordSelects;
  createdById?: number | null;
}): Promise<{ importId: number; cases: number; evaluations: number; items: number }> {
  const { month, selects } = options;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`月份“${month}”无效，应为 YYYY-MM`);
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  let importId = 0;
  try {
    const sha256 = createHash("sha256").update(`${options.label}\n${Date.now()}`).digest("hex");
    const created = await client.query<{ id: number }>(
      `INSERT INTO "CaseImport" ("month", "fileNames", "sha256", "createdById") VALUES ($1, $2, $3, $4) RETURNING "id"`,
      [month, options.label, sha256, options.createdById ?? null],
    );
    importId = created.rows[0]!.id;
    await ensureMonthPartitions(client, month);
    await createImportTables(client, importId, month);
    const monthDate = monthStartDate(month);
    const fill = async (table: string, columns: readonly string[], select: string) =>
      (
        await client.query(
          `INSERT INTO "${table}" ("month", "importId", ${quoted(columns)}) SELECT DATE '${monthDate}', ${importId}, ${quoted(columns)} FROM (${select}) AS s`,
          [month],
        )
      ).rowCount ?? 0;
    const cases = await fill(importTableName("Case", importId), CASE_COLUMNS, selects.cases);
    const evaluations = await fill(importTableName("Evaluation", importId), EVALUATION_COLUMNS, selects.evaluations);
    const items =
      (
        await client.query(
          `INSERT INTO "ServiceItem" ("importId", "month", ${quoted(ITEM_COLUMNS)}) SELECT ${importId}, $1, ${quoted(ITEM_COLUMNS)} FROM (${selects.items}) AS s`,
          [month],
        )
      ).rowCount ?? 0;
    await indexImportTables(client, importId);
    const coveragePeriod = await readCoveragePeriod(client);
    await buildRollups(client, { importId, month, coveragePeriod });
    await client.query(
      `UPDATE "CaseImport" SET "caseCount" = $2, "evaluationCount" = $3, "itemCount" = $4, "report" = $5 WHERE "id" = $1`,
      [importId, cases, evaluations, items, { month, cases, evaluations, items, source: options.label }],
    );
    return { importId, cases, evaluations, items };
  } catch (error) {
    if (importId) {
      await dropImportTables(client, importId).catch(() => {});
      await deleteRollups(client, importId).catch(() => {});
      await client.query(`UPDATE "CaseImport" SET "status" = 'FAILED' WHERE "id" = $1`, [importId]).catch(() => {});
    }
    throw error;
  } finally {
    await client.end();
  }
}
