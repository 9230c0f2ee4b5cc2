// The flat template pre-filled with the current unit directory (and no figures).

import type { TemplateInput } from "@/lib/annex-upload/parse";
import { addMonths } from "@/lib/calendar/month";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function templateInputFromDb(db: PrismaClient, month?: string | null): Promise<TemplateInput> {
  const [units, latest] = await Promise.all([
    db.unit.findMany({ where: { active: true }, orderBy: [{ kind: "asc" }, { sortOrder: "asc" }] }),
    db.reportMonth.findFirst({ where: { currentVersionId: { not: null } }, orderBy: { month: "desc" } }),
  ]);
  return {
    month: month ?? (latest ? addMonths(latest.month, 1) : new Date().toISOString().slice(0, 7)),
    units: units.map((u) => ({ seq: u.sortOrder, unitName: u.name, kind: u.kind })),
  };
}
