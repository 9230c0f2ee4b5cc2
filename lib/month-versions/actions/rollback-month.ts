"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
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
export const rollbackMonthAction = formAction(
  "data.manage",
  { schema, invalid: INVALID_INPUT },
  async ({ currentVersionId, ...target }, viewer) => {
    const source = await prisma.monthVersion.findUnique({ where: { id: target.versionId }, select: { number: true } });
    const result = await rollbackMonth(prisma, {
      ...target,
      expectedCurrentVersionId: currentVersionId,
      actorId: viewer.userId,
    });
    if (!result.ok) return { message: result.message };
    await expireReportData();
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: fill(getMessages().upload.rolledBack, { number: result.number, from: source?.number ?? "?" }),
    };
  },
);
