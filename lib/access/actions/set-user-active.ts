"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/access/guard";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import type { FormState } from "@/lib/action-client/form-state";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { getMessages } from "@/lib/i18n/messages";

const schema = z.object({
  userId: z.coerce.number().int().positive(),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Deactivating ends the user's sessions at once; reactivating also lifts a lock. */
export async function setUserActiveAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("users.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: "参数无效 / invalid input" };
  const { userId, active } = parsed.data;
  const t = getMessages().admin.users;
  if (!active && userId === guard.viewer.userId) return { message: t.cannotDeactivateSelf };
  if (!(await prisma.user.findUnique({ where: { id: userId } }))) return { message: t.notFound };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { active, sessionVersion: { increment: 1 }, ...(active ? { failedLoginCount: 0, lockedUntil: null } : {}) },
    });
    await recordAuditEvent(tx, {
      actorId: guard.viewer.userId,
      action: active ? "user.reactivate" : "user.deactivate",
      targetType: "User",
      targetId: String(userId),
    });
  });
  forgetUserStatus(userId);
  revalidatePath("/admin/users");
  return { ok: true, message: active ? t.reactivated : t.deactivated };
}
