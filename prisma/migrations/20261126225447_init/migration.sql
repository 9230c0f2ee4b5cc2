-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('DEPARTMENT', 'DISTRICT');

-- CreateEnum
CREATE TYPE "SummaryScope" AS ENUM ('CITY', 'MUNICIPAL', 'DISTRICTS');

-- CreateEnum
CREATE TYPE "VersionOrigin" AS ENUM ('REFERENCE', 'DEMO', 'UPLOAD', 'ROLLBACK');

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('STAGED', 'COMMITTED', 'SUPERSEDED', 'REJECTED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'OFFICIAL', 'DEPARTMENT');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "kind" "UnitKind" NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportMonth" (
    "month" TEXT NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "currentVersionId" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportMonth_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "MonthVersion" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "origin" "VersionOrigin" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER,
    "uploadId" INTEGER,
    "copiedFromId" INTEGER,

    CONSTRAINT "MonthVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyStat" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "applied" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "overdueCompleted" INTEGER NOT NULL,
    "promisedCompleted" INTEGER NOT NULL,
    "promisedOverdueCompleted" INTEGER NOT NULL,
    "promiseSpeedupRate" DOUBLE PRECISION NOT NULL,
    "handlingSpeedupRate" DOUBLE PRECISION NOT NULL,
    "earlyCompletionRate" DOUBLE PRECISION NOT NULL,
    "onlineApplied" INTEGER NOT NULL,
    "onlineAccepted" INTEGER NOT NULL,
    "onlineCompleted" INTEGER NOT NULL,
    "onlinePromisedCompleted" INTEGER NOT NULL,
    "onlinePromisedOverdueCompleted" INTEGER NOT NULL,
    "onlineHandlingRate" DOUBLE PRECISION NOT NULL,
    "onlineHandlingSpeedupRate" DOUBLE PRECISION NOT NULL,
    "onlineEarlyCompletionRate" DOUBLE PRECISION NOT NULL,
    "activeEvaluations" INTEGER NOT NULL,
    "coverageRate" DOUBLE PRECISION NOT NULL,
    "completedInclBatch" INTEGER,
    "activeEvaluationRateReported" DOUBLE PRECISION,

    CONSTRAINT "MonthlyStat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlySummary" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "scope" "SummaryScope" NOT NULL,
    "applied" INTEGER,
    "accepted" INTEGER,
    "completed" INTEGER,
    "overdueCompleted" INTEGER,
    "promisedCompleted" INTEGER,
    "promiseSpeedupRate" DOUBLE PRECISION,
    "handlingSpeedupRate" DOUBLE PRECISION,
    "earlyCompletionRate" DOUBLE PRECISION,
    "onlineApplied" INTEGER,
    "onlineShare" DOUBLE PRECISION,
    "onlineAccepted" INTEGER,
    "onlineCompleted" INTEGER,
    "onlinePromisedCompleted" INTEGER,
    "onlineEarlyCompletionRate" DOUBLE PRECISION,
    "onTimeCompletionRate" DOUBLE PRECISION,
    "activeEvaluations" INTEGER,
    "completedInclBatch" INTEGER,
    "activeEvaluationRate" DOUBLE PRECISION,
    "satisfactionRate" DOUBLE PRECISION,
    "coverageRate" DOUBLE PRECISION,
    "catalogClaimRate" DOUBLE PRECISION,

    CONSTRAINT "MonthlySummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "status" "UploadStatus" NOT NULL DEFAULT 'STAGED',
    "validationReport" JSONB,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "unitId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLoginCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "month" TEXT,
    "targetType" TEXT,
    "targetId" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Unit_kind_sortOrder_idx" ON "Unit"("kind", "sortOrder");

-- CreateIndex
CREATE UNIQUE INDEX "ReportMonth_currentVersionId_key" ON "ReportMonth"("currentVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "MonthVersion_uploadId_key" ON "MonthVersion"("uploadId");

-- CreateIndex
CREATE UNIQUE INDEX "MonthVersion_month_number_key" ON "MonthVersion"("month", "number");

-- CreateIndex
CREATE INDEX "MonthlyStat_unitId_month_idx" ON "MonthlyStat"("unitId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyStat_versionId_unitId_key" ON "MonthlyStat"("versionId", "unitId");

-- CreateIndex
CREATE INDEX "MonthlySummary_month_scope_idx" ON "MonthlySummary"("month", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlySummary_versionId_scope_key" ON "MonthlySummary"("versionId", "scope");

-- CreateIndex
CREATE INDEX "Upload_month_createdAt_idx" ON "Upload"("month", "createdAt");

-- CreateIndex
CREATE INDEX "Upload_sha256_idx" ON "Upload"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_month_at_idx" ON "AuditEvent"("month", "at");

-- AddForeignKey
ALTER TABLE "ReportMonth" ADD CONSTRAINT "ReportMonth_currentVersionId_fkey" FOREIGN KEY ("currentVersionId") REFERENCES "MonthVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthVersion" ADD CONSTRAINT "MonthVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthVersion" ADD CONSTRAINT "MonthVersion_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthVersion" ADD CONSTRAINT "MonthVersion_month_fkey" FOREIGN KEY ("month") REFERENCES "ReportMonth"("month") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyStat" ADD CONSTRAINT "MonthlyStat_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MonthVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyStat" ADD CONSTRAINT "MonthlyStat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlySummary" ADD CONSTRAINT "MonthlySummary_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MonthVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Upload" ADD CONSTRAINT "Upload_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
