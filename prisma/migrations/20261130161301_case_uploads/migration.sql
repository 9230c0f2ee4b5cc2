-- CreateEnum
CREATE TYPE "CaseUploadStatus" AS ENUM ('TRANSFERRING', 'PROCESSING', 'STAGED', 'REFUSED', 'FAILED', 'PUBLISHED', 'DISCARDED');

-- CreateTable
CREATE TABLE "CaseUpload" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "status" "CaseUploadStatus" NOT NULL DEFAULT 'TRANSFERRING',
    "files" JSONB NOT NULL,
    "stage" TEXT,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "progressFile" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "message" TEXT,
    "caseImportId" INTEGER,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "transferredAt" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "CaseUpload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CaseUpload_caseImportId_key" ON "CaseUpload"("caseImportId");

-- CreateIndex
CREATE INDEX "CaseUpload_createdAt_idx" ON "CaseUpload"("createdAt");
