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

-- Backfill: every published (or superseded) import, whose records are attached to "Case" and
-- "Evaluation", with the rule buildRollups applies (lib/cases/rollups.ts itemEvaluationRollupSql):
-- an evaluation belongs to its unit by its own unit id and to the item of the case it evaluates
-- when that case is among the same import's cases of the same unit, else to the empty item
-- code, only evaluations of the month. Plain SQL, no DO block: Prisma's WebAssembly engine
-- splits a script at every semicolon. An import still STAGED (not attached) gets its rows at
-- publish (ensureItemEvaluationRollup in publishCaseImport).
INSERT INTO "CaseItemEvaluationRollup" ("importId", "month", "unitId", "itemCode", "activeEvaluations", "evaluations", "satisfiedEvaluations")
SELECT ci."id", ci."month", e."unitId", coalesce(c."itemCode", ''),
       count(*) FILTER (WHERE e."kind" = 'ACTIVE'),
       count(*),
       count(*) FILTER (WHERE e."level" <= 3)
FROM "CaseImport" ci
JOIN "Evaluation" e ON e."importId" = ci."id" AND e."month" = to_date(ci."month", 'YYYY-MM')
LEFT JOIN "Case" c ON c."month" = e."month" AND c."importId" = e."importId" AND c."caseNo" = e."caseNo" AND c."unitId" = e."unitId"
WHERE ci."status" IN ('PUBLISHED', 'SUPERSEDED')
  AND e."evaluatedAt" >= to_date(ci."month", 'YYYY-MM')
  AND e."evaluatedAt" < to_date(ci."month", 'YYYY-MM') + INTERVAL '1 month'
GROUP BY ci."id", ci."month", e."unitId", coalesce(c."itemCode", '');
