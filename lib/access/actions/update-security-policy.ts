"use server";

import { revalidatePath } from "next/cache";
import {
  readStoredSecurityPolicy,
  SECURITY_POLICY_KEY,
  type SecurityPolicy,
  securityPolicySchema,
} from "@/lib/access/security-policy";
import { forgetSecurityPolicy } from "@/lib/access/session-activity";
import { formAction } from "@/lib/action-client/form-action";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fill } from "@/lib/i18n/messages";

/**
 * The password and session policy (idle time, lock threshold and duration, password age), within
 * its bounds (lib/access/security-policy.ts): the security administrator's, audited with before
 * and after. Other instances read it within 5 s.
 */
export const updateSecurityPolicyAction = formAction(
  "security.manage",
  { schema: (m) => securityPolicySchema((min, max) => fill(m.sessions.policy.outOfRange, { min, max })) },
  async (after: SecurityPolicy, viewer, { messages }) => {
    const t = messages.sessions.policy;
    const changed = await prisma.$transaction(async (tx) => {
      const row = await tx.setting.findUnique({ where: { key: SECURITY_POLICY_KEY } });
      const before = readStoredSecurityPolicy(row?.value);
      if (row && (Object.keys(after) as Array<keyof SecurityPolicy>).every((k) => before[k] === after[k])) return false;
      const value = after as unknown as Prisma.InputJsonValue;
      await tx.setting.upsert({
        where: { key: SECURITY_POLICY_KEY },
        create: { key: SECURITY_POLICY_KEY, value, updatedById: viewer.userId },
        update: { value, updatedById: viewer.userId },
      });
      await recordAuditEvent(tx, {
        actorId: viewer.userId,
        action: "security.policyUpdate",
        targetType: "Setting",
        targetId: SECURITY_POLICY_KEY,
        details: { before, after } as unknown as Prisma.InputJsonValue,
      });
      return true;
    });
    forgetSecurityPolicy();
    revalidatePath("/admin/security");
    return { ok: true, message: changed ? t.saved : t.unchanged };
  },
);
