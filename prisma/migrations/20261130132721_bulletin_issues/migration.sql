-- CreateTable
CREATE TABLE "BulletinIssue" (
    "id" SERIAL NOT NULL,
    "month" TEXT NOT NULL,
    "edition" INTEGER NOT NULL,
    "correctionNote" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" INTEGER,
    "versionId" INTEGER NOT NULL,
    "versionNumber" INTEGER NOT NULL,
    "textsVersion" INTEGER,
    "document" JSONB NOT NULL,
    "settings" JSONB NOT NULL,
    "texts" JSONB NOT NULL,
    "docx" BYTEA NOT NULL,
    "pdf" BYTEA NOT NULL,
    "xlsx" BYTEA NOT NULL,
    "docxSha256" TEXT NOT NULL,
    "pdfSha256" TEXT NOT NULL,
    "xlsxSha256" TEXT NOT NULL,

    CONSTRAINT "BulletinIssue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BulletinIssue_month_edition_key" ON "BulletinIssue"("month", "edition");
