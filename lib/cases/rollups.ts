// The rollups, in SQL, from an import's own tables (before or after they are attached): one
// CaseRollup row per unit × item × channel with every sum of CASE_SUMS, and one CaseUnitRollup
// row per unit with the evaluation sums (EVALUATION_SUMS) and the catalogue coverage. The SQL
// aggregates are the ones written beside each definition in definitions.ts; rollups.test.ts
// checks them against the TypeScript predicates on the same records.
import type pg from "pg";
import {
  CASE_SUM_FIELDS,
  CASE_SUMS,
  type CaseRollup,
  type CoveragePeriod,
  coveragePeriodStart,
  EVALUATION_SUM_FIELDS,
  EVALUATION_SUMS,
  type EvaluationSums,
  type CoverageSums,
  monthBounds,
} from "./definitions";
import { importTableName } from "./partitions";

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
  await client.query(`DELETE FROM "CaseRollup" WHERE "importId" = $1`, [importId]);
  await client.query(`DELETE FROM "CaseUnitRollup" WHERE "importId" = $1`, [importId]);

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
}

export type UnitRollup = { unitId: number } & EvaluationSums & CoverageSums;

/** Any way of running a parameterised query: a pg client, or Prisma's $queryRawUnsafe inside a transaction. */
export type RowQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export function pgRowQuery(client: pg.ClientBase): RowQuery {
  return async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
}

export async function readRollups(query: RowQuery, importId: number): Promise<{ cases: CaseRollup[]; units: UnitRollup[] }> {
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
