"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import { submittedValues } from "@/lib/action-client/form-state";
import { recordAuditEvent } from "@/lib/audit";
import {
  changedParts,
  editableTexts,
  parseBulletinTextsForm,
  readStoredBulletinTexts,
} from "@/lib/bulletin/texts/bulletin-texts";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { isMonth } from "@/lib/calendar/month";
import { prisma } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { fill, getMessages } from "@/lib/i18n/messages";

const target = z.object({
  month: z.string().refine(isMonth),
  /** The version the form was filled from (0: none yet): a save on top of a newer one is refused. */
  baseVersion: z.coerce.number().int().min(0),
});

/**
 * Saves the bulletin's free texts for a month as a new version (never overwriting one),
 * audited; the bulletin page and downloads use the newest version from then on.
 */
export const updateBulletinTextsAction = formAction(
  "data.manage",
  {
    schema: target,
    // formData.get: an absent baseVersion is null, which reads as 0 (the form had no version).
    input: (formData) => ({ month: formData.get("month"), baseVersion: formData.get("baseVersion") }),
    invalid: INVALID_INPUT,
  },
  async ({ month, baseVersion }, viewer, { formData }) => {
    const t = getMessages().bulletin.admin.reports;
    // The texts' own errors are keyed by their fields (parseBulletinTextsForm), after the target's.
    const parsed = parseBulletinTextsForm(formData);
    if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values: submittedValues(formData) };
    if (!(await prisma.reportMonth.findFirst({ where: { month, currentVersionId: { not: null } } })))
      return { message: t.noMonth };

    try {
      const result = await prisma.$transaction(async (tx) => {
        const newest = await tx.bulletinText.findFirst({ where: { month }, orderBy: { version: "desc" } });
        const current = newest?.version ?? 0;
        if (current !== baseVersion) return { conflict: true as const };
        const before = editableTexts(month, newest ? readStoredBulletinTexts(newest.content).texts : null);
        const changed = changedParts(before, parsed.texts);
        if (changed.length === 0) return { unchanged: true as const };
        const version = current + 1;
        await tx.bulletinText.create({
          data: {
            month,
            version,
            content: parsed.texts as unknown as Prisma.InputJsonValue,
            createdById: viewer.userId,
          },
        });
        await recordAuditEvent(tx, {
          actorId: viewer.userId,
          action: "bulletin.updateTexts",
          month,
          targetType: "BulletinText",
          targetId: `${month} v${version}`,
          details: { version, changed },
        });
        return { version };
      });
      if ("conflict" in result) return { message: t.conflict, values: submittedValues(formData) };
      if ("unchanged" in result) return { ok: true, message: t.unchanged };
      await expireReportData();
      revalidatePath(`/admin/reports/${month}`);
      revalidatePath("/admin/reports");
      return { ok: true, message: fill(t.saved, { version: result.version }) };
    } catch (error) {
      // Two saves at the same moment: the unique (month, version) lets one through.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return { message: t.conflict, values: submittedValues(formData) };
      }
      throw error;
    }
  },
);
