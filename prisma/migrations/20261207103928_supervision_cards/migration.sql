-- CreateEnum
CREATE TYPE "CardLevel" AS ENUM ('YELLOW', 'RED');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "contactEmail" TEXT;

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "ordinal" INTEGER NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "CalendarBuild" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "fingerprint" TEXT NOT NULL,
    "fromDate" DATE NOT NULL,
    "toDate" DATE NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarBuild_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CardNotice" (
    "caseNo" TEXT NOT NULL,
    "level" "CardLevel" NOT NULL,
    "month" DATE NOT NULL,
    "unitId" INTEGER NOT NULL,
    "sentTo" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CardNotice_pkey" PRIMARY KEY ("caseNo","level")
);

-- CreateIndex
CREATE INDEX "CalendarDay_ordinal_isWorkday_idx" ON "CalendarDay"("ordinal", "isWorkday");

-- CreateIndex
CREATE INDEX "CardNotice_unitId_sentAt_idx" ON "CardNotice"("unitId", "sentAt");

-- Hand-written (not in the datamodel): the open cases of a month, which the cards read (the board
-- and the wall read every unit's, the 预警 page one unit's).
CREATE INDEX "DailyCase_open_cards_idx" ON "DailyCase"("month", "unitId") WHERE "completedAt" IS NULL AND "acceptedAt" IS NOT NULL;
