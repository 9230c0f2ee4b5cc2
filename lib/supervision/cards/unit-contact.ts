// A unit's contact address for the daily digest (Unit.contactEmail), set by the admin: validated,
// written with its audit event in one transaction. Empty removes it (no digest for the unit).
// Issue 22 (数据保密性): stored sealed (lib/access/secret-box.ts, FIELD_ENCRYPTION_KEY), bound to
// its unit; a plain address written before (or by hand) still reads, and
// encryptPlainContactEmails seals it (run as the server starts: instrumentation.ts).
import { z } from "zod";
import { isSealed, openText, sealText } from "@/lib/access";
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

const contactContext = (unitId: number) => `Unit.contactEmail:${unitId}`;

/** The stored value of a unit's address: sealed. */
export const sealContactEmail = (unitId: number, email: string): string => sealText(email, contactContext(unitId));

/** A unit's address as stored (sealed, or plain from before), in clear. */
export function openContactEmail(unitId: number, stored: string | null): string | null {
  if (stored === null) return null;
  return isSealed(stored) ? openText(stored, contactContext(unitId)) : stored;
}

/**
 * An address as the audit trail keeps it: its domain and first letter (b***@example.org). The
 * trail is append-only, so what it records stays forever: it names which address without holding it.
 */
export function maskedContactEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf("@");
  return at <= 0 ? "***" : `${email[0]}***${email.slice(at)}`;
}

/** Where a digest went (CardNotice.sentTo): sealed like the unit's own address. */
export const sealSentTo = (unitId: number, email: string): string => sealText(email, `CardNotice.sentTo:${unitId}`);
export const openSentTo = (unitId: number, stored: string): string =>
  isSealed(stored) ? openText(stored, `CardNotice.sentTo:${unitId}`) : stored;

/** Seals every address still stored in clear; answers how many. */
export async function encryptPlainContactEmails(db: PrismaClient): Promise<number> {
  const units = await db.unit.findMany({
    where: { contactEmail: { not: null } },
    select: { id: true, contactEmail: true },
  });
  let sealed = 0;
  for (const unit of units) {
    if (isSealed(unit.contactEmail!)) continue;
    // Only if unchanged meanwhile: an address the admin saves now is not overwritten.
    const { count } = await db.unit.updateMany({
      where: { id: unit.id, contactEmail: unit.contactEmail },
      data: { contactEmail: sealContactEmail(unit.id, unit.contactEmail!) },
    });
    sealed += count;
  }
  return sealed;
}

export async function setUnitContactEmail(
  db: PrismaClient,
  unitCode: string,
  contactEmail: string | null,
  actorId: number | null,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const unit = await tx.unit.findUnique({ where: { code: unitCode }, select: { id: true, contactEmail: true } });
    if (!unit) return false;
    await tx.unit.update({
      where: { id: unit.id },
      data: { contactEmail: contactEmail === null ? null : sealContactEmail(unit.id, contactEmail) },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: "settings.update",
      targetType: "Unit",
      targetId: unitCode,
      details: {
        field: "contactEmail",
        before: maskedContactEmail(openContactEmail(unit.id, unit.contactEmail)),
        after: maskedContactEmail(contactEmail),
      },
    });
    return true;
  });
}
