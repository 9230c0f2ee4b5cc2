"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isBrowserManagedRole } from "@/lib/access/permissions";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { getMessages } from "@/lib/i18n/messages";

const schema = z.object({
  userId: z.coerce.number().int().positive(),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Deactivating ends the user's sessions at once; reactivating also lifts a lock. */
export const setUserActiveAction = formAction(
  "users.manage",
  { schema, invalid: INVALID_INPUT },
  async ({ userId, active }, viewer) => {
    const t = getMessages().admin.users;
    if (!active && userId === viewer.userId) return { message: t.cannotDeactivateSelf };
    const user = await prisma.user.findUnique({ where: { id: userId } });
    if (!user) return { message: t.notFound };
    if (!isBrowserManagedRole(user.role)) return { message: getMessages().security.officerAccount };
    await prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: userId },
        data: {
          active,
          sessionVersion: { increment: 1 },
          ...(active ? { failedLoginCount: 0, lockedUntil: null } : {}),
        },
      });
      await recordAuditEvent(tx, {
        actorId: viewer.userId,
        action: active ? "user.reactivate" : "user.deactivate",
        targetType: "User",
        targetId: String(userId),
      });
    });
    await forgetUserStatus(userId);
    revalidatePath("/admin/users");
    return { ok: true, message: active ? t.reactivated : t.deactivated };
  },
);
