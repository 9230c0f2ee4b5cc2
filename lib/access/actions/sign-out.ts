"use server";

import { signOut } from "@/lib/access/auth";
import { getViewer } from "@/lib/access/guard";
import { markSessionsEnded } from "@/lib/access/user-sessions";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { actionLocale } from "@/lib/i18n/action-locale";
import { localePath } from "@/lib/i18n/locale";

/**
 * Signing out ends every session of the user, not only this browser's cookie:
 * the user's sessionVersion is bumped, so a cookie copied before, or one set
 * again by a response that was in flight (a prefetch, the session endpoint),
 * is refused from now on.
 */
export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) {
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: viewer.userId }, data: { sessionVersion: { increment: 1 } } });
      await markSessionsEnded(tx, viewer.userId, "signOut");
      await recordAuditEvent(tx, {
        actorId: viewer.userId,
        action: "user.signOut",
        targetType: "User",
        targetId: String(viewer.userId),
      });
    });
    await forgetUserStatus(viewer.userId);
  }
  await signOut({ redirectTo: localePath(await actionLocale(), "/signin") });
}
