-- Case-level records (lib/cases). Edited by hand after Prisma generated it:
-- "Case" and "Evaluation" are declaratively partitioned by RANGE on "month" (the first day of the
-- import month). lib/cases/partitions.ts creates each month partition on first use, itself
-- partitioned by LIST on "importId", and each import loads into a table of its own that is
-- attached as the month partition for its importId when it is published. Re-importing a month
-- adds a partition, retention drops whole partitions, and no row is ever updated in place.
-- (No semicolons or quotes in comments: Prisma's engine splits scripts on semicolons.)

-- CreateEnum
CREATE TYPE "CaseImportStatus" AS ENUM ('STAGED', 'PUBLISHED', 'SUPERSEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('INSTANT', 'PROMISED');

-- CreateEnum
CREATE TYPE "CaseChannel" AS ENUM ('ONLINE', 'COUNTER');

-- CreateEnum
CREATE TYPE "EvaluationKind" AS ENUM ('ACTIVE', 'DEFAULT');

-- AlterEnum
ALTER TYPE "VersionOrigin" ADD VALUE 'CASES';

-- CreateTable
CREATE TABLE "CaseImport" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "status" "CaseImportStatus" NOT NULL DEFAULT 'STAGED',
    "fileNames" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "caseCount" INTEGER NOT NULL DEFAULT 0,
    "evaluationCount" INTEGER NOT NULL DEFAULT 0,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "versionId" INTEGER,

    CONSTRAINT "CaseImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "month" DATE NOT NULL,
    "importId" INTEGER NOT NULL,
    "caseNo" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "caseKind" "CaseKind" NOT NULL,
    "legalDays" INTEGER,
    "promisedDays" INTEGER,
    "channel" "CaseChannel" NOT NULL,
    "isBatch" BOOLEAN NOT NULL,
    "appliedAt" TIMESTAMP(0),
    "acceptedAt" TIMESTAMP(0),
    "completedAt" TIMESTAMP(0),
    "elapsedDays" INTEGER,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("month","importId","caseNo")
) PARTITION BY RANGE ("month");

-- CreateTable
CREATE TABLE "Evaluation" (
    "month" DATE NOT NULL,
    "importId" INTEGER NOT NULL,
    "evaluationNo" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "evaluatedAt" TIMESTAMP(0) NOT NULL,
    "level" SMALLINT NOT NULL,
    "kind" "EvaluationKind" NOT NULL,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("month","importId","evaluationNo")
) PARTITION BY RANGE ("month");

-- CreateTable
CREATE TABLE "ServiceItem" (
    "id" SERIAL NOT NULL,
    "importId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "caseKind" "CaseKind",
    "legalDays" INTEGER,
    "promisedDays" INTEGER,
    "inUse" BOOLEAN NOT NULL,
    "inCatalogue" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ServiceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseRollup" (
    "importId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "channel" "CaseChannel" NOT NULL,
    "applied" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "overdueCompleted" INTEGER NOT NULL,
    "promisedCompleted" INTEGER NOT NULL,
    "promisedOverdueCompleted" INTEGER NOT NULL,
    "promisedEarlyCompleted" INTEGER NOT NULL,
    "legalDaysSum" BIGINT NOT NULL,
    "promisedDaysSum" BIGINT NOT NULL,
    "elapsedDaysSum" BIGINT NOT NULL,
    "completedInclBatch" INTEGER NOT NULL,

    CONSTRAINT "CaseRollup_pkey" PRIMARY KEY ("importId","unitId","itemCode","channel")
);

-- CreateTable
CREATE TABLE "CaseUnitRollup" (
    "importId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "activeEvaluations" INTEGER NOT NULL,
    "evaluations" INTEGER NOT NULL,
    "satisfiedEvaluations" INTEGER NOT NULL,
    "itemsInUse" INTEGER NOT NULL,
    "itemsInUseWithCases" INTEGER NOT NULL,
    "coveragePeriod" TEXT NOT NULL,

    CONSTRAINT "CaseUnitRollup_pkey" PRIMARY KEY ("importId","unitId")
);

-- CreateTable
CREATE TABLE "WorkCalendarOverride" (
    "date" DATE NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" INTEGER,

    CONSTRAINT "WorkCalendarOverride_pkey" PRIMARY KEY ("date")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseImport_versionId_key" ON "CaseImport"("versionId");

-- CreateIndex
CREATE INDEX "CaseImport_month_createdAt_idx" ON "CaseImport"("month", "createdAt");

-- CreateIndex
CREATE INDEX "Case_importId_unitId_itemCode_idx" ON "Case"("importId", "unitId", "itemCode");

-- CreateIndex
CREATE INDEX "Evaluation_importId_unitId_idx" ON "Evaluation"("importId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceItem_importId_unitId_itemCode_key" ON "ServiceItem"("importId", "unitId", "itemCode");

-- AddForeignKey
ALTER TABLE "CaseImport" ADD CONSTRAINT "CaseImport_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MonthVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
