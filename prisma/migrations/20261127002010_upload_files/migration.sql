-- An upload holds one or more files: the bytes of each file move to "UploadFile", and "Upload"
-- keeps the names (joined), the SHA-256 of the set (one file: its own) and the total size.
-- (No semicolons or quotes in comments: Prisma's engine splits scripts on semicolons.)

-- CreateTable
CREATE TABLE "UploadFile" (
    "id" SERIAL NOT NULL,
    "uploadId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "UploadFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UploadFile_uploadId_position_key" ON "UploadFile"("uploadId", "position");

-- AddForeignKey
ALTER TABLE "UploadFile" ADD CONSTRAINT "UploadFile_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing uploads: their one file becomes file 0 (its sha256 is already that of the upload).
INSERT INTO "UploadFile" ("uploadId", "position", "fileName", "sha256", "sizeBytes", "content")
SELECT "id", 0, "fileName", "sha256", "sizeBytes", "content" FROM "Upload";

-- AlterTable
ALTER TABLE "Upload" DROP COLUMN "content";
