// Every change is an audit event: who (actorId), what (action), to what
// (targetType/targetId, month), when (at), with details. Append-only: the database refuses
// UPDATE and DELETE (migration 20261207103937), and each event is chained to the one before by
// an HMAC (lib/audit/chain.ts). Written in the caller's transaction; the chain's head row is
// locked FOR UPDATE until that transaction ends, so concurrent writers append one after the
// other and the chain never forks (docs/audit.md).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { auditKey, chainAlgorithm, eventHash } from "./chain";

export type AuditAction =
  | "user.signIn"
  | "user.signInFailed"
  | "user.signOut"
  | "user.locked"
  | "user.create"
  | "user.update"
  | "user.resetPassword"
  | "user.deactivate"
  | "user.reactivate"
  | "user.bulkCreate"
  | "user.changePassword"
  | "user.changePasswordFailed"
  | "user.unlock"
  // Issue 22 (身份鉴别): the second factor (lib/access/two-factor), and a demo account refused in production.
  | "user.twoFactorEnrolled"
  | "user.twoFactorFailed"
  | "user.twoFactorRecoveryUsed"
  | "user.twoFactorReset"
  | "user.demoRefused"
  | "month.publish"
  | "month.rollback"
  | "cases.discard"
  | "cases.remap"
  | "cases.cancel"
  | "settings.update"
  | "bulletin.updateTexts"
  | "bulletin.issue"
  | "page.lookupsLimited"
  // Issue 20, the daily feed (lib/supervision/daily-feed)
  | "daily.ingest"
  | "daily.closeMonth"
  | "token.create"
  | "token.revoke"
  | "token.use"
  /** A unit's daily digest of new yellow and red cards was sent (issue 20). */
  | "supervision.digest"
  | "access.refused"
  | "audit.archive"
  | "audit.export"
  // 整改 (issue 21): a task created, withdrawn by a correction, answered, closed or returned.
  | "rectification.create"
  | "rectification.withdraw"
  | "rectification.answer"
  | "rectification.close"
  | "rectification.return"
  // Issue 22: a stored file read back did not match its recorded SHA-256 (refused, not served).
  | "file.integrityFailed"
  // Issue 22, 身份鉴别: password expiry, sessions ended (idle, time limit, by the user, by the
  // security administrator), the password and session policy (lib/access/user-sessions.ts).
  | "user.passwordExpired"
  | "session.idleExpired"
  | "session.maxAgeExpired"
  | "session.endOwn"
  | "session.endByAdmin"
  | "security.policyUpdate";

export type AuditEventInput = {
  actorId: number | null;
  action: AuditAction;
  month?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

type Db = PrismaClient | Prisma.TransactionClient;

function isClient(db: Db): db is PrismaClient {
  // lib/db's client is a Proxy without a `has` trap: ask for the method, not `in`.
  return typeof (db as { $transaction?: unknown }).$transaction === "function";
}

/** Appends the event to the chain, in the caller's transaction (or a transaction of its own). */
export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  if (isClient(db)) {
    // Many writers queue on the head row for milliseconds each: wait longer than Prisma's 2 s.
    await db.$transaction((tx) => appendAuditEvent(tx, event), { maxWait: 15_000, timeout: 15_000 });
    return;
  }
  await appendAuditEvent(db, event);
}

/** The chain step. `at` is the event's time (now); tests back-date events with it. */
export async function appendAuditEvent(
  tx: Prisma.TransactionClient,
  event: AuditEventInput,
  at: Date = new Date(),
): Promise<void> {
  const key = auditKey();
  const [head] = await tx.$queryRaw<Array<{ seq: number; hash: string }>>`
    SELECT "seq", "hash" FROM "AuditChain" WHERE "id" = 1 FOR UPDATE`;
  if (!head) throw new Error("the audit chain has no head row: the migrations have not been applied");
  const seq = head.seq + 1;
  // The details as the database will give them back (JSON), so that the hash verifies later.
  const details = event.details === undefined ? null : (JSON.parse(JSON.stringify(event.details)) as unknown);
  const fields = {
    seq,
    at,
    actorId: event.actorId,
    action: event.action,
    month: event.month ?? null,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    details,
  };
  const hash = eventHash(head.hash, fields, key, chainAlgorithm());
  await tx.auditEvent.create({
    data: { ...fields, details: event.details, seq, hash },
  });
  await tx.auditChain.update({ where: { id: 1 }, data: { seq, hash, updatedAt: at } });
}
