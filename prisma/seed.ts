// Seeds an empty database: the units, the real 2021-06 month, twelve generated months before it
// (DEMO, badged 示例数据 in the UI), the demo accounts, and one demo month of case records
// (2020-03, lib/demo-data/demo-case-month.ts: imported and reconciled through the real paths, so
// the drill-down, 办件超时 and the reconciliation have something to show; badged 示例数据 too).
// Idempotent: a database that already holds the reference month keeps its months; the demo case
// month is added once, and only while nothing but the seed's data has been published.
import { createPrismaClient } from "@/lib/db/prisma-client";
import { seedDemoCaseMonth } from "@/lib/demo-data/demo-case-month";
import { seedDatabase } from "@/lib/demo-data/seed-database";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("[seed] DATABASE_URL is not set");
  process.exit(1);
}
const prisma = createPrismaClient(url, 2);
try {
  const result = await seedDatabase(prisma, { demoUsers: process.env.SEED_DEMO_USERS !== "0" });
  console.log(
    result.seeded
      ? `[seed] 已写入参考月份与示例数据 / seeded ${result.months} months, ${result.users} demo accounts`
      : "[seed] 数据已存在，跳过 / data present, skipped",
  );
  const started = performance.now();
  const cases = await seedDemoCaseMonth(prisma, url, { log: (message) => console.log(`[seed] ${message}`) });
  console.log(
    cases.seeded
      ? `[seed] 已写入办件明细示例 / demo case month ${cases.month}: ${cases.cases} cases, ${cases.evaluations} evaluations, ${cases.items} catalogue items (${((performance.now() - started) / 1000).toFixed(1)} s)`
      : `[seed] 办件明细示例：跳过 / demo case month skipped (${cases.reason})`,
  );
} finally {
  await prisma.$disconnect();
}
