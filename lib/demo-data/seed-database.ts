import { createUser, enrolDemoSecondFactor } from "@/lib/access";
import { addMonths } from "@/lib/calendar/month";
import { type DemoBaseRow, generateDemoMonth } from "@/lib/demo-data/demo-months";
import {
  REFERENCE_MONTH,
  referencePreviousMonthAnchor,
  referenceStats,
  referenceSummaries,
} from "@/lib/demo-data/reference-month";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createMonthVersion } from "@/lib/month-versions";
import { DEMO_USERS } from "@/prisma/seed-data/demo-users";
import { UNIT_SEEDS } from "@/prisma/seed-data/units";

export const DEMO_MONTHS_BEFORE_REFERENCE = 12;

/** Upserts the units of the reference bulletin; returns their ids and kinds by code. */
export async function seedUnits(
  prisma: PrismaClient,
): Promise<Map<string, { id: number; kind: "DEPARTMENT" | "DISTRICT" }>> {
  for (const unit of UNIT_SEEDS) {
    await prisma.unit.upsert({ where: { code: unit.code }, create: unit, update: {} });
  }
  const units = await prisma.unit.findMany({ select: { id: true, code: true, kind: true } });
  return new Map(units.map((u) => [u.code, { id: u.id, kind: u.kind }]));
}

/** The demo accounts (README), in a database that has no users yet. */
export async function seedDemoUsers(prisma: PrismaClient): Promise<number> {
  if ((await prisma.user.count()) > 0) return 0;
  for (const user of DEMO_USERS) {
    const { id } = await createUser(prisma, user, null, { publishedDemoPassword: true });
    // Issue 22: enrolled with the README's demo second factor.
    await enrolDemoSecondFactor(prisma, id);
  }
  return DEMO_USERS.length;
}

export async function seedDatabase(
  prisma: PrismaClient,
  options: { demoMonths?: number; demoUsers?: boolean } = {},
): Promise<{ seeded: boolean; months: number; users: number }> {
  const existing = await prisma.reportMonth.findUnique({ where: { month: REFERENCE_MONTH } });
  if (existing) return { seeded: false, months: 0, users: 0 };

  const units = await seedUnits(prisma);
  const reference = referenceStats(new Map([...units].map(([code, u]) => [code, u.id])));
  const kindById = new Map([...units.values()].map((u) => [u.id, u.kind]));
  const base: DemoBaseRow[] = reference.map((row) => ({ ...row, kind: kindById.get(row.unitId)! }));
  const demoMonths = options.demoMonths ?? DEMO_MONTHS_BEFORE_REFERENCE;

  await prisma.$transaction(
    async (tx) => {
      for (let monthsBefore = demoMonths; monthsBefore >= 1; monthsBefore--) {
        const month = addMonths(REFERENCE_MONTH, -monthsBefore);
        const demo = generateDemoMonth(
          month,
          monthsBefore,
          base,
          monthsBefore === 1 ? referencePreviousMonthAnchor : {},
        );
        await createMonthVersion(tx, {
          month,
          origin: "DEMO",
          isDemo: true,
          note: "示例数据：系统生成，非真实统计 / generated demo data",
          ...demo,
        });
      }
      await createMonthVersion(tx, {
        month: REFERENCE_MONTH,
        origin: "REFERENCE",
        isDemo: false,
        note: "达州市政务服务管理局 2021年7月26日印发的通报",
        stats: reference,
        summaries: referenceSummaries,
      });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  const users = options.demoUsers === false ? 0 : await seedDemoUsers(prisma);
  return { seeded: true, months: demoMonths + 1, users };
}
