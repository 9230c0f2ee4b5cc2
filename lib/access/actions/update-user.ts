"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { displayNameSchema, roleSchema, unitCodeSchema, withUnitMatchingRole } from "@/lib/access/accounts/user-input";
import { isBrowserManagedRole } from "@/lib/access/permissions";
import { forgetUserStatus } from "@/lib/access/viewer-status";
import { formAction } from "@/lib/action-client/form-action";
import { submittedValues } from "@/lib/action-client/form-state";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { getMessages } from "@/lib/i18n/messages";

const schema = withUnitMatchingRole(
  z.object({
    userId: z.coerce.number().int().positive(),
    displayName: displayNameSchema,
    role: roleSchema,
    unitCode: unitCodeSchema,
  }),
);

/** Name, role and unit. A change of role or unit ends the user's sessions. */
export const updateUserAction = formAction("users.manage", { schema }, async (input, viewer, { formData }) => {
  const { userId, displayName, role, unitCode } = input;
  const t = getMessages().admin.users;

  const user = await prisma.user.findUnique({ where: { id: userId }, include: { unit: { select: { code: true } } } });
  if (!user) return { message: t.notFound };
  // 三员分立: neither an officer's account nor an officer's role is the system administrator's to give.
  if (!isBrowserManagedRole(user.role) || !isBrowserManagedRole(role))
    return { message: getMessages().security.officerAccount };
  const unit = unitCode ? await prisma.unit.findUnique({ where: { code: unitCode } }) : null;
  if (unitCode && !unit)
    return { fieldErrors: { unitCode: [`没有代码为 ${unitCode} 的单位`] }, values: submittedValues(formData) };
  const accessChanged = user.role !== role || (user.unit?.code ?? null) !== unitCode;

  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: {
        displayName,
        role,
        unitId: unit?.id ?? null,
        ...(accessChanged ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await recordAuditEvent(tx, {
      actorId: viewer.userId,
      action: "user.update",
      targetType: "User",
      targetId: String(userId),
      details: {
        before: { displayName: user.displayName, role: user.role, unitCode: user.unit?.code ?? null },
        after: { displayName, role, unitCode },
      },
    });
  });
  await forgetUserStatus(userId);
  revalidatePath("/admin/users");
  return { ok: true, message: t.saved };
});
