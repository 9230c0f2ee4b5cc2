import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * A Prisma client on the pg driver adapter (no native engine: these machines
 * are offline). Used by the app (lib/db/index.ts), the seed, scripts and tests.
 */
export function createPrismaClient(
  connectionString: string,
  poolSize = 5,
  pool: { connectionTimeoutMillis?: number } = {},
): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolSize, ...pool });
  return new PrismaClient({ adapter });
}

export type { PrismaClient };
