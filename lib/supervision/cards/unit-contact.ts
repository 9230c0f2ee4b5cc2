// A unit's contact address for the daily digest (Unit.contactEmail), set by the admin: validated,
// written with its audit event in one transaction. Empty removes it (no digest for the unit).
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const contactEmailSchema = z.object({
  unitCode: z.string().regex(/^[a-z][0-9]{2,4}$/),
  contactEmail: z
    .string()
    .trim()
    .max(254)
    .transform((v) => (v === "" ? null : v))
    .pipe(z.email().nullable()),
});

export async function setUnitContactEmail(
  db: PrismaClient,
  unitCode: string,
  contactEmail: string | null,
  actorId: number | null,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { code: unitCode }, select: { id: true, contactEmail: true } });
    if (!unit) return false;
    await tx.unit.update({ where: { id: unit.id }, data: { contactEmail } });
    await recordAuditEvent(tx, {
      actorId,
      action: "settings.update",
      targetType: "Unit",
      targetId: unitCode,
      details: { field: "contactEmail", before: unit.contactEmail, after: contactEmail },
    });
    return true;
  });
}
