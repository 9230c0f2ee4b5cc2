import "server-only";
import { createPrismaClient, type PrismaClient } from "@/lib/prisma-client";

// One client per server process; in development, module reloads would
// otherwise open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start`, which provides an embedded database when none is configured.",
    );
  }
  // A small pool: the embedded database (pglite-server) serves few connections.
  globalForPrisma.prisma = createPrismaClient(connectionString, Number(process.env.DATABASE_POOL_SIZE ?? 5));
  return globalForPrisma.prisma;
}

/**
 * The app's Prisma client, created on first use: `next build` imports page
 * modules to collect their config, and must not need a database for that.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(real) : value;
  },
});
