"use server";

import { revalidatePath } from "next/cache";
import { type CreatedAccount, createBulkAccounts, parseBulkAccounts } from "@/lib/access/accounts/bulk-accounts";
import { bulkFileTooLarge, MAX_BULK_FILE_BYTES } from "@/lib/access/accounts/bulk-limits";
import { guardAction } from "@/lib/access/guard";
import { prisma } from "@/lib/db";
import { fill, getMessages } from "@/lib/i18n/messages";

export type BulkState = { errors?: string[]; created?: CreatedAccount[]; message?: string };

/** Checks the whole file, then creates every account or none; the passwords are returned once, never stored in clear. */
export async function createBulkAccountsAction(_previous: BulkState, formData: FormData): Promise<BulkState> {
  const guard = await guardAction("users.manage");
  if (!guard.ok) return { errors: [guard.error] };
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { errors: ["请选择账号文件（.xlsx 或 .csv）。"] };
  // The form says this before sending; a body over Next's own limit (1 MB) never gets here.
  if (file.size > MAX_BULK_FILE_BYTES) return { errors: [bulkFileTooLarge(file, getMessages().readers.bulk.tooLarge)] };
  const [units, users] = await Promise.all([
    prisma.unit.findMany({ where: { active: true }, select: { code: true, name: true } }),
    prisma.user.findMany({ select: { username: true } }),
  ]);
  const parsed = await parseBulkAccounts(
    file.name,
    new Uint8Array(await file.arrayBuffer()),
    units,
    new Set(users.map((u) => u.username)),
  );
  if (!parsed.ok) return { errors: parsed.errors };
  const created = await createBulkAccounts(prisma, parsed.accounts, guard.viewer.userId, file.name);
  revalidatePath("/admin/users");
  return { created, message: fill(getMessages().readers.bulk.created, { count: created.length }) };
}
