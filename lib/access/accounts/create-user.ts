// Creating a user, in one place: hash the password, resolve the unit, write
// the user and its audit event in one transaction.

import type { NewUser } from "@/lib/access/accounts/user-input";
import { hashPassword } from "@/lib/access/passwords";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field: keyof NewUser,
  ) {
    super(message);
  }
}

export async function createUser(db: PrismaClient, input: NewUser, actorId: number | null): Promise<{ id: number }> {
  const unit = input.unitCode ? await db.unit.findUnique({ where: { code: input.unitCode } }) : null;
  if (input.unitCode && !unit) throw new UserInputError(`没有代码为 ${input.unitCode} 的单位`, "unitCode");
  if (await db.user.findUnique({ where: { username: input.username } })) {
    throw new UserInputError(`用户名 ${input.username} 已存在`, "username");
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        unitId: unit?.id ?? null,
      },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: "user.create",
      targetType: "User",
      targetId: String(user.id),
      details: { username: user.username, role: user.role, unitCode: input.unitCode },
    });
    return { id: user.id };
  });
}
