"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/access/guard";
import type { FormState } from "@/lib/action-client/form-state";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { isMonth } from "@/lib/calendar/month";
import { prisma } from "@/lib/db";
import { fill, getMessages } from "@/lib/i18n/messages";
import { rollbackMonth } from "@/lib/month-versions/rollback-month";

const schema = z.object({
  month: z.string().refine(isMonth),
  versionId: z.coerce.number().int().positive(),
  /** The version the history page showed as current ("" when none); absent: not checked. */
  currentVersionId: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).optional(),
});

/** Makes an earlier version current again, as a new version (origin ROLLBACK), audited. */
export async function rollbackMonthAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const guard = await guardAction("data.manage");
  if (!guard.ok) return { message: guard.error };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { message: "参数无效 / invalid input" };
  const source = await prisma.monthVersion.findUnique({
    where: { id: parsed.data.versionId },
    select: { number: true },
  });
  const { currentVersionId, ...target } = parsed.data;
  const result = await rollbackMonth(prisma, {
    ...target,
    expectedCurrentVersionId: currentVersionId,
    actorId: guard.viewer.userId,
  });
  if (!result.ok) return { message: result.message };
  await expireReportData();
  revalidatePath("/", "layout");
  return {
    ok: true,
    message: fill(getMessages().upload.rolledBack, { number: result.number, from: source?.number ?? "?" }),
  };
}
