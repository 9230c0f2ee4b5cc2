-- Evaluations per unit and item (lib/cases/rollups.ts buildRollups), read by the items page
-- instead of joining every evaluation of the unit with its case at request time.
-- itemCode is empty for the evaluations of a unit whose case is not among the import cases of
-- the unit (no item code is empty: the importer refuses an empty one).

-- CreateTable
CREATE TABLE "CaseItemEvaluationRollup" (
    "importId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "activeEvaluations" INTEGER NOT NULL,
    "evaluations" INTEGER NOT NULL,
    "satisfiedEvaluations" INTEGER NOT NULL,

    CONSTRAINT "CaseItemEvaluationRollup_pkey" PRIMARY KEY ("importId","unitId","itemCode")
);

-- Backfill: every import whose rollups were built and whose record tables still exist (staged,
-- published or superseded: attached or not, each import keeps its own two tables under the
-- names Case_import_N and Evaluation_import_N), with the statement buildRollups runs on them.
-- The rule is the one the items page used at request time. An evaluation belongs to its unit by
-- its own unit id and to the item of the case it evaluates when that case is among the same
-- import cases of the same unit, else to the empty item code. Only evaluations of the month.
DO $backfill$
DECLARE
  imp RECORD;
  month_start TIMESTAMP;
BEGIN
  FOR imp IN
    SELECT ci."id", ci."month" FROM "CaseImport" ci
    WHERE ci."status" IN ('STAGED', 'PUBLISHED', 'SUPERSEDED')
      AND to_regclass(format('%I', 'Case_import_' || ci."id")) IS NOT NULL
      AND to_regclass(format('%I', 'Evaluation_import_' || ci."id")) IS NOT NULL
      AND (EXISTS (SELECT 1 FROM "CaseRollup" r WHERE r."importId" = ci."id")
           OR EXISTS (SELECT 1 FROM "CaseUnitRollup" r WHERE r."importId" = ci."id"))
    ORDER BY ci."id"
  LOOP
    month_start := (imp."month" || '-01')::timestamp;
    EXECUTE format(
      'INSERT INTO "CaseItemEvaluationRollup" ("importId", "month", "unitId", "itemCode", "activeEvaluations", "evaluations", "satisfiedEvaluations")
       SELECT $1, $2, e."unitId", coalesce(c."itemCode", ''''),
              count(*) FILTER (WHERE e."kind" = ''ACTIVE''),
              count(*),
              count(*) FILTER (WHERE e."level" <= 3)
       FROM %I e
       LEFT JOIN %I c ON c."caseNo" = e."caseNo" AND c."unitId" = e."unitId"
       WHERE e."evaluatedAt" >= $3 AND e."evaluatedAt" < $4
       GROUP BY e."unitId", coalesce(c."itemCode", '''')',
      'Evaluation_import_' || imp."id", 'Case_import_' || imp."id")
    USING imp."id", imp."month", month_start, month_start + INTERVAL '1 month';
  END LOOP;
END
$backfill$;
