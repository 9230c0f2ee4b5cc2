-- The version an upload was staged against (the base of its preview diff): publish refuses the
-- upload when another version has become current since. Null for uploads staged before this.

-- AlterTable
ALTER TABLE "Upload" ADD COLUMN     "baseVersionId" INTEGER;
