// Open cases written straight into DailyCase, for the cards' tests, the e2e helper and the bench
// (the daily feed that normally writes DailyCase is another part of lib/supervision). Not used by
// the app itself.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type OpenCaseInput = {
  caseNo: string;
  /** "YYYY-MM" */
  month: string;
  unitId: number;
  itemCode?: string;
  caseKind?: "INSTANT" | "PROMISED";
  promisedDays?: number | null;
  legalDays?: number | null;
  /** "YYYY-MM-DD HH:MM:SS" local time */
  acceptedAt: string;
  completedAt?: string | null;
};

export async function insertDailyCases(
  db: Pick<PrismaClient, "$executeRawUnsafe">,
  cases: readonly OpenCaseInput[],
  batchId = 0,
): Promise<void> {
  if (cases.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "DailyCase" ("caseNo", "month", "unitId", "itemCode", "caseKind", "legalDays", "promisedDays",
       "channel", "isBatch", "appliedAt", "acceptedAt", "completedAt", "elapsedDays", "batchId")
     SELECT c, (m || '-01')::date, u, i, k::"CaseKind", l, p, 'ONLINE', false, a::timestamp, a::timestamp, f::timestamp, NULL, $10
     FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::text[])
       AS t(c, m, u, i, k, l, p, a, f)
     ON CONFLICT ("caseNo") DO UPDATE SET "month" = EXCLUDED."month", "unitId" = EXCLUDED."unitId",
       "itemCode" = EXCLUDED."itemCode", "caseKind" = EXCLUDED."caseKind", "legalDays" = EXCLUDED."legalDays",
       "promisedDays" = EXCLUDED."promisedDays", "acceptedAt" = EXCLUDED."acceptedAt",
       "completedAt" = EXCLUDED."completedAt", "batchId" = EXCLUDED."batchId"`,
    cases.map((c) => c.caseNo),
    cases.map((c) => c.month),
    cases.map((c) => c.unitId),
    cases.map((c) => c.itemCode ?? "ITEM-1"),
    cases.map((c) => c.caseKind ?? "PROMISED"),
    cases.map((c) => c.legalDays ?? null),
    cases.map((c) => (c.caseKind === "INSTANT" ? null : c.promisedDays === undefined ? 5 : c.promisedDays)),
    cases.map((c) => c.acceptedAt),
    cases.map((c) => c.completedAt ?? null),
    batchId,
  );
}
