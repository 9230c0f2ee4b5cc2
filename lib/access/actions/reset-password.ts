"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { newPasswordProblem } from "@/lib/access/accounts/new-password";
import { rememberPassword } from "@/lib/access/accounts/password-history";
import { passwordSchema } from "@/lib/access/accounts/user-input";
import { hashPassword } from "@/lib/access/passwords";
import { isBrowserManagedRole } from "@/lib/access/permissions";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { formAction } from "@/lib/action-client/form-action";
import { submittedValues } from "@/lib/action-client/form-state";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { getMessages } from "@/lib/i18n/messages";

const schema = z.object({ userId: z.coerce.number().int().positive(), password: passwordSchema });

/** Sets a new password (keeping the rules, lib/access/accounts/new-password.ts), lifts any lock, and ends the user's sessions. */
export const resetPasswordAction = formAction(
  "users.manage",
  { schema },
  async ({ userId, password }, viewer, { formData, locale }) => {
    const t = getMessages().admin.users;
    const user = await prisma.user.findUnique({ where: { id: userId } });
    if (!user) return { message: t.notFound };
    // 三员分立: resetting an auditor's password would let a system administrator read as the auditor.
    if (!isBrowserManagedRole(user.role)) return { message: getMessages().security.officerAccount };
    const problem = await newPasswordProblem(prisma, { userId, username: user.username }, password, locale);
    if (problem) return { fieldErrors: { password: [problem] }, values: submittedValues(formData) };
    const passwordHash = await hashPassword(password);
    const now = new Date();
    await prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: userId },
        data: {
          passwordHash,
          passwordChangedAt: now,
          failedLoginCount: 0,
          lockedUntil: null,
          sessionVersion: { increment: 1 },
        },
      });
      await rememberPassword(tx, userId, passwordHash, now);
      await recordAuditEvent(tx, {
        actorId: viewer.userId,
        action: "user.resetPassword",
        targetType: "User",
        targetId: String(userId),
      });
    });
    await forgetUserStatus(userId);
    revalidatePath("/admin/users");
    return { ok: true, message: t.passwordReset };
  },
);
