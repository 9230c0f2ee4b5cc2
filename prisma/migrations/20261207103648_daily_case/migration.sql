-- CreateTable
CREATE TABLE "DailyCase" (
    "caseNo" TEXT NOT NULL,
    "month" DATE NOT NULL,
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
    "batchId" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DailyCase_pkey" PRIMARY KEY ("caseNo")
);

-- CreateIndex
CREATE INDEX "DailyCase_month_unitId_itemCode_idx" ON "DailyCase"("month", "unitId", "itemCode");

-- CreateIndex
CREATE INDEX "DailyCase_open_idx" ON "DailyCase"("month", "unitId");
