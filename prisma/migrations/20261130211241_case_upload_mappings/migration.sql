-- AlterTable
ALTER TABLE "CaseUpload" ADD COLUMN     "columnMappings" JSONB,
ADD COLUMN     "unitMappings" JSONB;
