"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { fill } from "@/lib/i18n/messages";

const schema = z.object({ userId: z.coerce.number().int().positive() });

/** The security administrator lifts a lock (issue 22): the count starts again; audited. */
export const unlockUserAction = formAction(
  "security.manage",
  { schema, invalid: INVALID_INPUT },
  async ({ userId }, viewer, { messages }) => {
    const t = messages.security.locks;
    const unlocked = await prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId } });
      if (!user || (user.lockedUntil === null && user.failedLoginCount === 0)) return null;
      await tx.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
      await recordAuditEvent(tx, {
        actorId: viewer.userId,
        action: "user.unlock",
        targetType: "User",
        targetId: String(userId),
        details: { username: user.username, lockedUntil: user.lockedUntil?.toISOString() ?? null },
      });
      return user.username;
    });
    revalidatePath("/admin/security");
    return unlocked ? { ok: true, message: fill(t.unlocked, { username: unlocked }) } : { message: t.notLocked };
  },
);
