// A user choosing their own password (required after a one-time initial password): the
// current one must be right, the new one long enough and different. Changing it clears
// the forced-change flag and ends the user's sessions (sessionVersion), so they sign in
// again with the new password.
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/access/passwords";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Messages } from "@/lib/i18n/messages";

export type PasswordChange = { current: string; next: string; confirm: string };

export async function changeOwnPassword(
  db: PrismaClient,
  userId: number,
  change: PasswordChange,
  t: Messages["readers"]["password"],
): Promise<{ ok: true } | { ok: false; error: string }> {
  if (change.next.length < MIN_PASSWORD_LENGTH) return { ok: false, error: t.tooShort };
  if (change.next !== change.confirm) return { ok: false, error: t.mismatch };
  if (change.next === change.current) return { ok: false, error: t.same };
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true, active: true } });
  if (!user?.active || !(await verifyPassword(user.passwordHash, change.current)))
    return { ok: false, error: t.wrongCurrent };
  const passwordHash = await hashPassword(change.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actorId: userId,
      action: "user.changePassword",
      targetType: "User",
      targetId: String(userId),
    });
  });
  return { ok: true };
}
