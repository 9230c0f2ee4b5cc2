// Creating a user, in one place: check the password's rules, hash it, resolve the unit, write
// the user, its first password-history entry and its audit event in one transaction.

import { newPasswordProblem } from "@/lib/access/accounts/new-password";
import { rememberPassword } from "@/lib/access/accounts/password-history";
import type { NewUser } from "@/lib/access/accounts/user-input";
import { hashPassword } from "@/lib/access/passwords";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Locale } from "@/lib/i18n/messages";

export type CreateUserOptions = {
  locale?: Locale;
  /**
   * Only the demo seed: the published demo passwords (README, e.g. admin-demo-2021) contain their
   * usernames. Demo accounts exist only in the demo database (SEED_DEMO_USERS=0 seeds none).
   */
  publishedDemoPassword?: boolean;
};

export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field: keyof NewUser,
  ) {
    super(message);
  }
}

export async function createUser(
  db: PrismaClient,
  input: NewUser,
  actorId: number | null,
  options: CreateUserOptions = {},
): Promise<{ id: number }> {
  const unit = input.unitCode ? await db.unit.findUnique({ where: { code: input.unitCode } }) : null;
  if (input.unitCode && !unit) throw new UserInputError(`没有代码为 ${input.unitCode} 的单位`, "unitCode");
  if (await db.user.findUnique({ where: { username: input.username } })) {
    throw new UserInputError(`用户名 ${input.username} 已存在`, "username");
  }
  if (!options.publishedDemoPassword) {
    const problem = await newPasswordProblem(
      db,
      { userId: null, username: input.username },
      input.password,
      options.locale,
    );
    if (problem) throw new UserInputError(problem, "password");
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
    await rememberPassword(tx, user.id, passwordHash);
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
