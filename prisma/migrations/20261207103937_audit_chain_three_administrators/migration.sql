-- Issue 22, 三员分立: today's administrators become 系统管理员 (a rename keeps every account and
-- session as it is), and the security and audit administrators are added.
-- Hand-written (the engine would rebuild the type). The new values are not used in this migration.
ALTER TYPE "Role" RENAME VALUE 'ADMIN' TO 'SYSTEM_ADMIN';
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'SECURITY_ADMIN';
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'AUDITOR';

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- CreateTable
CREATE TABLE "AuditChain" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "legacyMaxId" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditChain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditArchive" (
    "id" SERIAL NOT NULL,
    "fromSeq" INTEGER NOT NULL,
    "toSeq" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "lastHash" TEXT NOT NULL,
    "eventCount" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedById" INTEGER,

    CONSTRAINT "AuditArchive_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditArchive_toSeq_key" ON "AuditArchive"("toSeq");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- ---------------------------------------------------------------------------------------------
-- Hand-written: the audit trail is append-only in the database (docs/audit.md).
-- The function bodies are E-strings with \073 for each semicolon: Prisma's schema engine
-- splits a script at every semicolon (docs/migrations.md), even inside a function body.

-- The chain starts here: events already written keep no hash (legacy, id <= legacyMaxId).
INSERT INTO "AuditChain" ("id", "seq", "hash", "legacyMaxId")
SELECT 1, 0, 'genesis', coalesce(max("id"), 0) FROM "AuditEvent";

-- UPDATE, DELETE and TRUNCATE of an event are refused, whoever asks. The one exception: the
-- archive's DELETE (audit_archive_delete sets audit.archiving for its own transaction) of events
-- that are older than 180 days (the floor of the retention, whatever the setting says) and
-- recorded in an AuditArchive row (a signed file holds them and the chain continues from it).
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''DELETE''
     AND current_setting(''audit.archiving'', true) = ''on''
     AND OLD."seq" IS NOT NULL
     AND OLD."at" < (now() AT TIME ZONE ''UTC'') - interval ''180 days''
     AND OLD."seq" <= (SELECT coalesce(max("toSeq"), 0) FROM "AuditArchive") THEN
    RETURN OLD\073
  END IF\073
  RAISE EXCEPTION ''the audit trail is append-only: % on "%" is refused'', TG_OP, TG_TABLE_NAME
    USING ERRCODE = ''42501''\073
END
';

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  RAISE EXCEPTION ''the audit trail is append-only: % on "%" is refused'', TG_OP, TG_TABLE_NAME
    USING ERRCODE = ''42501''\073
END
';

-- The chain's head only moves forward, one row, never deleted.
CREATE FUNCTION audit_chain_forward_only() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''UPDATE'' AND NEW."id" = OLD."id" AND NEW."seq" > OLD."seq"
     AND NEW."legacyMaxId" = OLD."legacyMaxId" THEN
    RETURN NEW\073
  END IF\073
  RAISE EXCEPTION ''the audit chain only moves forward: % on "%" is refused'', TG_OP, TG_TABLE_NAME
    USING ERRCODE = ''42501''\073
END
';

CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER "AuditArchive_append_only" BEFORE UPDATE OR DELETE ON "AuditArchive"
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER "AuditArchive_no_truncate" BEFORE TRUNCATE ON "AuditArchive"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER "AuditChain_forward_only" BEFORE UPDATE OR DELETE ON "AuditChain"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_forward_only();
CREATE TRIGGER "AuditChain_no_truncate" BEFORE TRUNCATE ON "AuditChain"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The one path that deletes events: archived ones (an AuditArchive row covers them) past 180
-- days, up to the given seq. SECURITY DEFINER: where the application connects as its own role
-- without DELETE on "AuditEvent" (docs/security/database-roles.md), it may still call this,
-- and this only. The setting is local to the transaction.
CREATE FUNCTION audit_archive_delete(up_to_seq integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS E'
DECLARE
  deleted integer\073
BEGIN
  IF up_to_seq > (SELECT coalesce(max("toSeq"), 0) FROM "AuditArchive") THEN
    RAISE EXCEPTION ''events up to seq % are not archived'', up_to_seq USING ERRCODE = ''42501''\073
  END IF\073
  PERFORM set_config(''audit.archiving'', ''on'', true)\073
  DELETE FROM "AuditEvent" WHERE "seq" <= up_to_seq\073
  GET DIAGNOSTICS deleted = ROW_COUNT\073
  PERFORM set_config(''audit.archiving'', ''off'', true)\073
  RETURN deleted\073
END
';
