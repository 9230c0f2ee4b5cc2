// Seeds an empty database: the units, the real 2021-06 month, and twelve
// generated months before it (DEMO, badged 示例数据 in the UI). Idempotent:
// a database that already holds the reference month is left as it is.
import { createPrismaClient } from "@/lib/db/prisma-client";
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
} finally {
  await prisma.$disconnect();
}
