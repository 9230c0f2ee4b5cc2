// Writing one admin setting (a `Setting` row) and its audit event, inside the
// caller's transaction: every setting change is an audited `settings.update`.

import { recordAuditEvent } from "@/lib/audit";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function saveSetting(
  tx: Prisma.TransactionClient,
  key: string,
  value: Prisma.InputJsonValue,
  actorId: number | null,
  details: Prisma.InputJsonValue,
): Promise<void> {
  await tx.setting.upsert({
    where: { key },
    create: { key, value, updatedById: actorId },
    update: { value, updatedById: actorId },
  });
  await recordAuditEvent(tx, { actorId, action: "settings.update", targetType: "Setting", targetId: key, details });
}
