"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { passwordSchema } from "@/lib/access/accounts/user-input";
import { guardAction } from "@/lib/access/guard";
import { hashPassword } from "@/lib/access/passwords";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import type { FormState } from "@/lib/action-client/form-state";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db";
import { getMessages } from "@/lib/i18n/messages";

const schema = z.object({ userId: z.coerce.number().int().positive(), password: passwordSchema });

/** Sets a new password, lifts any lock, and ends the user's sessions. */
export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("users.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: parsed.error.flatten().fieldErrors };
  const t = getMessages().admin.users;
  if (!(await prisma.user.findUnique({ where: { id: parsed.data.userId } }))) return { message: t.notFound };
  const passwordHash = await hashPassword(parsed.data.password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: parsed.data.userId },
      data: { passwordHash, failedLoginCount: 0, lockedUntil: null, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      actorId: guard.viewer.userId,
      action: "user.resetPassword",
      targetType: "User",
      targetId: String(parsed.data.userId),
    });
  });
  forgetUserStatus(parsed.data.userId);
  revalidatePath("/admin/users");
  return { ok: true, message: t.passwordReset };
}
