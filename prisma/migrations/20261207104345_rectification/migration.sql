-- CreateEnum
CREATE TYPE "RectificationKind" AS ENUM ('PROBLEM', 'RED_CARD');

-- CreateEnum
CREATE TYPE "RectificationStatus" AS ENUM ('OPEN', 'ANSWERED', 'RETURNED', 'CLOSED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "RectificationTask" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "RectificationKind" NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" INTEGER,
    "problemKind" TEXT,
    "figure" TEXT,
    "figureValue" DOUBLE PRECISION,
    "edition" INTEGER,
    "bulletinIssueId" INTEGER,
    "caseNo" TEXT,
    "dueDate" DATE NOT NULL,
    "status" "RectificationStatus" NOT NULL DEFAULT 'OPEN',
    "version" INTEGER NOT NULL DEFAULT 0,
    "consecutiveMonths" INTEGER NOT NULL DEFAULT 1,
    "withdrawnReason" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RectificationTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationAnswer" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "found" TEXT,
    "done" TEXT,
    "planned" TEXT,
    "plannedBy" DATE,
    "reason" TEXT,
    "text" TEXT,
    "submittedById" INTEGER,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" "RectificationStatus",
    "comment" TEXT,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "RectificationAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RectificationAttachment" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "answerId" INTEGER,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RectificationAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RectificationTask_key_key" ON "RectificationTask"("key");

-- CreateIndex
CREATE INDEX "RectificationTask_month_status_idx" ON "RectificationTask"("month", "status");

-- CreateIndex
CREATE INDEX "RectificationTask_unitId_status_idx" ON "RectificationTask"("unitId", "status");

-- CreateIndex
CREATE INDEX "RectificationTask_caseNo_idx" ON "RectificationTask"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "RectificationAnswer_taskId_seq_key" ON "RectificationAnswer"("taskId", "seq");

-- CreateIndex
CREATE INDEX "RectificationAttachment_taskId_idx" ON "RectificationAttachment"("taskId");

-- AddForeignKey
ALTER TABLE "RectificationTask" ADD CONSTRAINT "RectificationTask_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationAnswer" ADD CONSTRAINT "RectificationAnswer_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "RectificationTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationAttachment" ADD CONSTRAINT "RectificationAttachment_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "RectificationTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RectificationAttachment" ADD CONSTRAINT "RectificationAttachment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "RectificationAnswer"("id") ON DELETE SET NULL ON UPDATE CASCADE;
