// The month the reconciliation specs read: 2019-08, before the seeded months (other specs read
// 2021-06 and the months after 2020-06; 2019-11 and 2019-12 are the upload specs'). It is set up
// once per database through the real case pipeline and annex upload (test/fixtures/
// reconciliation-month.ts), under an advisory lock: the accessibility spec may ask at the same
// time as the reconciliation spec.
import { withDatabase } from "./database";

export const RECONCILIATION_MONTH = "2019-08";
const LOCK = 2019_08;

export async function ensureReconciliationMonth(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run the specs through npm test)");
  await withDatabase(async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK]);
    try {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(DISTINCT "origin")::int AS n FROM "MonthVersion" WHERE "month" = $1 AND "origin" IN ('CASES', 'UPLOAD')`,
        [RECONCILIATION_MONTH],
      );
      if (rows[0]!.n === 2) return;
      const { createPrismaClient } = await import("@/lib/db/prisma-client");
      const { setUpReconciliationMonth } = await import("../test/fixtures/reconciliation-month");
      const prisma = createPrismaClient(url, 2);
      try {
        await setUpReconciliationMonth(prisma, url, RECONCILIATION_MONTH);
      } finally {
        await prisma.$disconnect();
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [LOCK]);
    }
  });
}
