"use server";

import { revalidatePath } from "next/cache";
import { createUser, UserInputError } from "@/lib/access/accounts/create-user";
import { newUserSchema } from "@/lib/access/accounts/user-input";
import { isBrowserManagedRole } from "@/lib/access/permissions";
import { formAction } from "@/lib/action-client/form-action";
import { submittedValues } from "@/lib/action-client/form-state";
import { prisma } from "@/lib/db";
import { fill, getMessages } from "@/lib/i18n/messages";

export const createUserAction = formAction(
  "users.manage",
  { schema: newUserSchema },
  async (user, viewer, { formData, locale }) => {
    // 三员分立: the security and audit administrators are made on the command line only.
    if (!isBrowserManagedRole(user.role))
      return { fieldErrors: { role: [getMessages().security.officerAccount] }, values: submittedValues(formData) };
    try {
      await createUser(prisma, user, viewer.userId, { locale });
    } catch (error) {
      if (error instanceof UserInputError)
        return { fieldErrors: { [error.field]: [error.message] }, values: submittedValues(formData) };
      throw error;
    }
    revalidatePath("/admin/users");
    return { ok: true, message: fill(getMessages().admin.users.created, { username: user.username }) };
  },
);
