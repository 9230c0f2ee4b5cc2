// The partitions of "Case" and "Evaluation" (see the case_records migration): one per month
// (RANGE on "month"), each partitioned by import (LIST on "importId"). An import loads into a
// plain table of its own (the staging area); publishing attaches it as its month's partition
// for its importId, which is metadata only: a CHECK constraint proves the bound, and the
// indexes are built before, so ATTACH neither scans nor rebuilds.
import type pg from "pg";
import { monthBounds } from "./definitions";

export const RECORD_TABLES = ["Case", "Evaluation"] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/** "2021-06" → "2021_06". */
function monthSuffix(month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`invalid month ${month}`);
  return month.replace("-", "_");
}

export function monthPartitionName(table: RecordTable, month: string): string {
  return `${table}_${monthSuffix(month)}`;
}

/** The import's own table: loaded by COPY, attached on publish. */
export function importTableName(table: RecordTable, importId: number): string {
  if (!Number.isInteger(importId) || importId <= 0) throw new Error(`invalid import id ${importId}`);
  return `${table}_import_${importId}`;
}

export function monthStartDate(month: string): string {
  return `${month}-01`;
}

/** Creates the month's partitions if they do not exist yet (idempotent, safe when raced). */
export async function ensureMonthPartitions(client: pg.ClientBase, month: string): Promise<void> {
  const { from, to } = monthBounds(month);
  for (const table of RECORD_TABLES) {
    const name = monthPartitionName(table, month);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${table}"
           FOR VALUES FROM ('${from.slice(0, 10)}') TO ('${to.slice(0, 10)}') PARTITION BY LIST ("importId")`,
      );
    } catch (error) {
      // Two imports of a new month at once: the other one created it.
      if ((error as { code?: string }).code !== "42P07") throw error;
    }
  }
}

/** The staging tables of an import: same columns as the parent, no indexes yet (COPY is fastest into a bare table). */
export async function createImportTables(client: pg.ClientBase, importId: number, month: string): Promise<void> {
  for (const table of RECORD_TABLES) {
    const name = importTableName(table, importId);
    await client.query(`DROP TABLE IF EXISTS "${name}"`);
    await client.query(`CREATE TABLE "${name}" (LIKE "${table}" INCLUDING DEFAULTS)`);
    await client.query(
      `ALTER TABLE "${name}" ADD CONSTRAINT "${name}_bound" CHECK ("month" = DATE '${monthStartDate(month)}' AND "importId" = ${importId})`,
    );
  }
}

/**
 * The indexes the parent declares, built on the loaded table so that ATTACH only links them.
 * Given a second connection, the evaluations' indexes are built on it while the cases' are
 * built on the first (two backends: the two sorts run on both cores). Each session sorts in
 * up to 256 MB of the server's memory (maintenance_work_mem: the cases' primary key then sorts
 * in memory, not in temporary files; the app process's memory is not involved).
 */
export async function indexImportTables(
  client: pg.ClientBase,
  importId: number,
  second?: pg.ClientBase,
): Promise<void> {
  const cases = importTableName("Case", importId);
  const evaluations = importTableName("Evaluation", importId);
  const caseIndexes = async (c: pg.ClientBase) => {
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(`ALTER TABLE "${cases}" ADD CONSTRAINT "${cases}_pkey" PRIMARY KEY ("month", "importId", "caseNo")`);
    await c.query(`CREATE INDEX "${cases}_item_idx" ON "${cases}" ("importId", "unitId", "itemCode")`);
    await c.query(`ANALYZE "${cases}"`);
    await c.query(`RESET maintenance_work_mem`);
  };
  const evaluationIndexes = async (c: pg.ClientBase) => {
    await c.query(`SET maintenance_work_mem = '256MB'`);
    await c.query(
      `ALTER TABLE "${evaluations}" ADD CONSTRAINT "${evaluations}_pkey" PRIMARY KEY ("month", "importId", "evaluationNo")`,
    );
    await c.query(`CREATE INDEX "${evaluations}_unit_idx" ON "${evaluations}" ("importId", "unitId")`);
    await c.query(`ANALYZE "${evaluations}"`);
    await c.query(`RESET maintenance_work_mem`);
  };
  if (second) await Promise.all([caseIndexes(client), evaluationIndexes(second)]);
  else {
    await caseIndexes(client);
    await evaluationIndexes(client);
  }
}

/** The statements that attach an import's tables to its month (run inside the publish transaction). */
export function attachStatements(importId: number, month: string): string[] {
  return RECORD_TABLES.map(
    (table) =>
      `ALTER TABLE "${monthPartitionName(table, month)}" ATTACH PARTITION "${importTableName(table, importId)}" FOR VALUES IN (${importId})`,
  );
}

export async function dropImportTables(client: pg.ClientBase, importId: number): Promise<void> {
  for (const table of RECORD_TABLES) await client.query(`DROP TABLE IF EXISTS "${importTableName(table, importId)}"`);
}
