// The rollups, in SQL, from an import's own tables (before or after they are attached): one
// CaseRollup row per unit × item × channel with every sum of CASE_SUMS, one CaseUnitRollup
// row per unit with the evaluation sums (EVALUATION_SUMS) and the catalogue coverage, and one
// CaseItemEvaluationRollup row per unit × item with the evaluation sums by the item of the case
// evaluated (the items page). The SQL aggregates are the ones written beside each definition in
// definitions.ts; pipeline.test.ts checks them against the TypeScript predicates on the same
// records, item-evaluation-rollup.test.ts the per-item evaluations against the read they replace.
import type pg from "pg";
import {
  CASE_SUM_FIELDS,
  CASE_SUMS,
  type CaseRollup,
  type CoveragePeriod,
  type CoverageSums,
  coveragePeriodStart,
  EVALUATION_SUM_FIELDS,
  EVALUATION_SUMS,
  type EvaluationSums,
  monthBounds,
} from "./definitions";
import { importTableName } from "./partitions";

/** Every table holding an import's rollups: built by buildRollups, deleted with the import (deleteRollups). */
export const ROLLUP_TABLES = ["CaseRollup", "CaseUnitRollup", "CaseItemEvaluationRollup"] as const;

/** The itemCode of the row holding a unit's evaluations whose case is not among the import's cases of the unit. */
export const UNMATCHED_ITEM_CODE = "";

/** Replaces :from / :to with $1 / $2. */
function bind(sql: string): string {
  return sql.replace(/:from/g, "$1::timestamp").replace(/:to/g, "$2::timestamp");
}

export async function buildRollups(
  client: pg.ClientBase,
  input: { importId: number; month: string; coveragePeriod: CoveragePeriod },
): Promise<void> {
  const { importId, month, coveragePeriod } = input;
  const { from, to } = monthBounds(month);
  const cases = importTableName("Case", importId);
  const evaluations = importTableName("Evaluation", importId);
  await deleteRollups(client, importId);

  await client.query(
    bind(`INSERT INTO "CaseRollup" ("importId", "month", "unitId", "itemCode", "channel", ${CASE_SUM_FIELDS.map((f) => `"${f}"`).join(", ")})
      SELECT ${importId}, '${month}', "unitId", "itemCode", "channel", ${CASE_SUM_FIELDS.map((f) => CASE_SUMS[f].sql).join(",\n ")}
      FROM "${cases}" GROUP BY "unitId", "itemCode", "channel"`),
    [from, to],
  );

  // Items covered in the period: this import's cases (each has a time in the month: the parser
  // refuses others), and for the year to date also the items with a rollup row in the case
  // import behind the current version of each earlier month of the year (a rollback's version
  // counts as the version it copied).
  const periodStart = coveragePeriodStart(month, coveragePeriod);
  await client.query(
    bind(`INSERT INTO "CaseUnitRollup" ("importId", "month", "unitId", ${EVALUATION_SUM_FIELDS.map((f) => `"${f}"`).join(", ")},
            "itemsInUse", "itemsInUseWithCases", "coveragePeriod")
      WITH earlier AS (
        SELECT ci."id" FROM "ReportMonth" rm
        JOIN "MonthVersion" mv ON mv."id" = rm."currentVersionId"
        JOIN "CaseImport" ci ON ci."versionId" = coalesce(mv."copiedFromId", mv."id")
        WHERE rm."month" >= $3 AND rm."month" < $4
      ),
      covered AS (
        SELECT DISTINCT "unitId", "itemCode" FROM "CaseRollup" WHERE "importId" = ${importId} OR "importId" IN (SELECT "id" FROM earlier)
      ),
      coverage AS (
        SELECT s."unitId", count(*)::int AS "itemsInUse",
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM covered c WHERE c."unitId" = s."unitId" AND c."itemCode" = s."itemCode"))::int AS "itemsInUseWithCases"
        FROM "ServiceItem" s WHERE s."importId" = ${importId} AND s."inUse" GROUP BY s."unitId"
      ),
      evaluation AS (
        SELECT "unitId", ${EVALUATION_SUM_FIELDS.map((f) => `${EVALUATION_SUMS[f].sql} AS "${f}"`).join(", ")}
        FROM "${evaluations}" GROUP BY "unitId"
      )
      SELECT ${importId}, '${month}', coalesce(e."unitId", c."unitId"),
             ${EVALUATION_SUM_FIELDS.map((f) => `coalesce(e."${f}", 0)`).join(", ")},
             coalesce(c."itemsInUse", 0), coalesce(c."itemsInUseWithCases", 0), '${coveragePeriod}'
      FROM evaluation e FULL JOIN coverage c ON c."unitId" = e."unitId"`),
    [from, to, periodStart, month],
  );

  await client.query(itemEvaluationRollupSql(importId, month), [from, to]);
}

/**
 * Evaluations per item: an evaluation is its unit's by its own 实施主体 (as in CaseUnitRollup);
 * its item is the item of the case it evaluates when that case is among this import's cases of
 * the same unit, else it goes to the unit's UNMATCHED_ITEM_CODE row (a case completed in an
 * earlier month). The rule the items page applied at request time before this rollup existed.
 * Reads the import's own tables (Case_import_N, Evaluation_import_N: their names stay when
 * attached); parameters $1, $2: the month's bounds.
 */
export function itemEvaluationRollupSql(importId: number, month: string): string {
  const cases = importTableName("Case", importId);
  const evaluations = importTableName("Evaluation", importId);
  return bind(`INSERT INTO "CaseItemEvaluationRollup" ("importId", "month", "unitId", "itemCode", ${EVALUATION_SUM_FIELDS.map((f) => `"${f}"`).join(", ")})
      SELECT ${importId}, '${month}', e."unitId", coalesce(c."itemCode", '${UNMATCHED_ITEM_CODE}'),
             ${EVALUATION_SUM_FIELDS.map((f) => EVALUATION_SUMS[f].sql).join(", ")}
      FROM "${evaluations}" e
      LEFT JOIN "${cases}" c ON c."caseNo" = e."caseNo" AND c."unitId" = e."unitId"
      WHERE e."evaluatedAt" >= :from AND e."evaluatedAt" < :to
      GROUP BY e."unitId", coalesce(c."itemCode", '${UNMATCHED_ITEM_CODE}')`);
}

/**
 * An import staged before CaseItemEvaluationRollup existed has none of its rows (the migration
 * fills published imports only, see its comment): built at its publish. Any evaluation of the
 * month makes at least one row, so "no row" means "not built" or "nothing to build".
 */
export async function ensureItemEvaluationRollup(query: RowQuery, importId: number, month: string): Promise<void> {
  const built = await query<{ one: number }>(
    `SELECT 1 AS "one" FROM "CaseItemEvaluationRollup" WHERE "importId" = $1 LIMIT 1`,
    [importId],
  );
  if (built.length > 0) return;
  const { from, to } = monthBounds(month);
  await query(itemEvaluationRollupSql(importId, month), [from, to]);
}

/** Deletes every rollup row of the import (before a rebuild; an import abandoned or failed before publishing). */
export async function deleteRollups(client: pg.ClientBase, importId: number): Promise<void> {
  for (const table of ROLLUP_TABLES) await client.query(`DELETE FROM "${table}" WHERE "importId" = $1`, [importId]);
}

export type UnitRollup = { unitId: number } & EvaluationSums & CoverageSums;

/** Any way of running a parameterised query: a pg client, or Prisma's $queryRawUnsafe inside a transaction. */
export type RowQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export function pgRowQuery(client: pg.ClientBase): RowQuery {
  return async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
}

export async function readRollups(
  query: RowQuery,
  importId: number,
): Promise<{ cases: CaseRollup[]; units: UnitRollup[] }> {
  const cases = await query<CaseRollup>(
    `SELECT "unitId", "itemCode", "channel", ${CASE_SUM_FIELDS.map((f) => `"${f}"::float8 AS "${f}"`).join(", ")}
     FROM "CaseRollup" WHERE "importId" = $1`,
    [importId],
  );
  const units = await query<UnitRollup>(
    `SELECT "unitId", ${[...EVALUATION_SUM_FIELDS, "itemsInUse", "itemsInUseWithCases"].map((f) => `"${f}"`).join(", ")}
     FROM "CaseUnitRollup" WHERE "importId" = $1`,
    [importId],
  );
  return { cases, units };
}
