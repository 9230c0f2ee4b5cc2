"use server";

import { revalidatePath } from "next/cache";
import { createUser, UserInputError } from "@/lib/access/accounts/create-user";
import { newUserSchema } from "@/lib/access/accounts/user-input";
import { guardAction } from "@/lib/access/guard";
import { type FormState, submittedValues } from "@/lib/action-client/form-state";
import { prisma } from "@/lib/db";
import { fill, getMessages } from "@/lib/i18n/messages";

export async function createUserAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("users.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = newUserSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: parsed.error.flatten().fieldErrors, values: submittedValues(formData) };
  try {
    await createUser(prisma, parsed.data, guard.viewer.userId);
  } catch (error) {
    if (error instanceof UserInputError)
      return { fieldErrors: { [error.field]: [error.message] }, values: submittedValues(formData) };
    throw error;
  }
  revalidatePath("/admin/users");
  return { ok: true, message: fill(getMessages().admin.users.created, { username: parsed.data.username }) };
}
