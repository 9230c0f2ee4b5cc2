-- CreateEnum
CREATE TYPE "DailyBatchSource" AS ENUM ('CLI', 'API');

-- CreateTable
CREATE TABLE "DailyBatch" (
    "id" SERIAL NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" "DailyBatchSource" NOT NULL,
    "fileNames" TEXT NOT NULL,
    "asOf" DATE NOT NULL,
    "month" TEXT NOT NULL,
    "caseCount" INTEGER NOT NULL,
    "evaluationCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "appliedCount" INTEGER NOT NULL,
    "staleCount" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    "tokenId" INTEGER,

    CONSTRAINT "DailyBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyEvaluation" (
    "evaluationNo" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "caseNo" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "evaluatedAt" TIMESTAMP(0) NOT NULL,
    "level" SMALLINT NOT NULL,
    "kind" "EvaluationKind" NOT NULL,
    "batchId" INTEGER NOT NULL,

    CONSTRAINT "DailyEvaluation_pkey" PRIMARY KEY ("evaluationNo")
);

-- CreateTable
CREATE TABLE "DailyItem" (
    "month" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "itemCode" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "caseKind" "CaseKind",
    "legalDays" INTEGER,
    "promisedDays" INTEGER,
    "inUse" BOOLEAN NOT NULL,
    "inCatalogue" BOOLEAN NOT NULL,
    "batchId" INTEGER NOT NULL,

    CONSTRAINT "DailyItem_pkey" PRIMARY KEY ("month","unitId","itemCode")
);

-- CreateTable
CREATE TABLE "ProvisionalMonth" (
    "month" TEXT NOT NULL,
    "versionId" INTEGER NOT NULL,
    "asOf" DATE NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisionalMonth_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" INTEGER,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DailyBatch_sha256_key" ON "DailyBatch"("sha256");

-- CreateIndex
CREATE INDEX "DailyBatch_month_asOf_idx" ON "DailyBatch"("month", "asOf");

-- CreateIndex
CREATE INDEX "DailyEvaluation_month_unitId_idx" ON "DailyEvaluation"("month", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisionalMonth_versionId_key" ON "ProvisionalMonth"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
