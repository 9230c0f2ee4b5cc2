-- AlterEnum
ALTER TYPE "CaseUploadStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "CaseUpload" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledById" INTEGER,
ADD COLUMN     "ownerPid" INTEGER,
ADD COLUMN     "workerHost" TEXT,
ADD COLUMN     "workerPid" INTEGER;
