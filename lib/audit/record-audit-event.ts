// Every change is an audit event: who (actorId), what (action), to what
// (targetType/targetId, month), when (at), with details. Append-only.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

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
  | "month.publish"
  | "month.rollback"
  | "cases.discard"
  | "cases.remap"
  | "cases.cancel"
  | "settings.update"
  | "bulletin.updateTexts"
  | "bulletin.issue"
  | "page.lookupsLimited"
  // 整改 (issue 21): a task created, withdrawn by a correction, answered, closed or returned.
  | "rectification.create"
  | "rectification.withdraw"
  | "rectification.answer"
  | "rectification.close"
  | "rectification.return";

export type AuditEventInput = {
  actorId: number | null;
  action: AuditAction;
  month?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  details?: Prisma.InputJsonValue;
};

export async function recordAuditEvent(
  db: PrismaClient | Prisma.TransactionClient,
  event: AuditEventInput,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      month: event.month ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      details: event.details,
    },
  });
}
