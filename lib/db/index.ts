import "server-only";
import { readSharedValue, writeSharedValue } from "@/lib/cache/redis";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma-client";

// One client per server process; in development, module reloads would
// otherwise open a new pool on every edit.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; prismaReplica?: PrismaClient };

const poolSize = () => Number(process.env.DATABASE_POOL_SIZE ?? 5);

function client(): PrismaClient {
  if (globalForPrisma.prisma) return globalForPrisma.prisma;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start`, which provides an embedded database when none is configured.",
    );
  }
  // A small pool: the embedded database (pglite-server) serves few connections.
  globalForPrisma.prisma = createPrismaClient(connectionString, poolSize());
  return globalForPrisma.prisma;
}

/**
 * The app's Prisma client on the primary, created on first use: `next build` imports page
 * modules to collect their config, and must not need a database for that. Every write and
 * every read that must see the latest state (sign-in, admin pages) goes here.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(real) : value;
  },
});

// ---------------------------------------------------------------------------------------------
// Page reads on a streaming replica (DATABASE_REPLICA_URL, optional).
//
// The cached reads of report data (each capability's cached reads) run on the replica when it is configured, up,
// and has replayed the last write of report data (a publish, a rollback, settings, bulletin
// texts): recordReportDataWrite() notes the primary's WAL position after such a write, in Redis
// when REDIS_URL is set (so every instance knows it), else in this process. Until the replica
// has replayed that position the re-render reads the primary, so the replica's lag can never
// put old figures back into the cache. A replica that fails is left alone for a few seconds
// and its reads go to the primary; nothing fails for the viewer.

const REPLICA_RETRY_MS = 5_000;
const WRITE_POSITION_KEY = "report-data:written-lsn";

const replicaState = globalThis as unknown as {
  replicaDownUntil?: number;
  /** Highest WAL position the replica was seen to have replayed. */
  replicaReplayed?: bigint;
  /** The last report-data write's WAL position, when there is no Redis to share it. */
  reportDataWritten?: bigint;
};

function replicaClient(): PrismaClient | null {
  const url = process.env.DATABASE_REPLICA_URL;
  if (!url) return null;
  // A short connect timeout: a replica that does not answer sends reads to the primary quickly.
  return (globalForPrisma.prismaReplica ??= createPrismaClient(url, poolSize(), { connectionTimeoutMillis: 2_000 }));
}

/** "16/B374D848" → 0x16B374D848: a WAL position as a number. */
export function parseLsn(lsn: string): bigint {
  const [high, low] = lsn.split("/");
  if (high === undefined || low === undefined) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

function noteReplicaDown(error: unknown): void {
  const wasUp = (replicaState.replicaDownUntil ?? 0) < Date.now();
  replicaState.replicaDownUntil = Date.now() + REPLICA_RETRY_MS;
  if (wasUp) console.warn(`[db] replica unavailable, reading from the primary: ${describe(error)}`);
}

/** The driver's errors (connection refused, terminated) can come with an empty message: say what there is. */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) {
      const { code, meta } = e as { code?: unknown; meta?: unknown };
      const details = meta && typeof meta === "object" ? JSON.stringify(meta).slice(0, 300) : "";
      parts.push(
        [e.name, typeof code === "string" ? code : "", e.message.split("\n")[0], details].filter(Boolean).join(" "),
      );
    } else {
      parts.push(typeof e === "object" ? JSON.stringify(e) : String(e));
    }
  }
  return parts.join(" ← ");
}

/** The last report-data write's WAL position; null when it cannot be known (Redis not answering). */
async function reportDataWritten(): Promise<bigint | null> {
  if (!process.env.REDIS_URL) return replicaState.reportDataWritten ?? 0n;
  const { ok, value } = await readSharedValue(WRITE_POSITION_KEY);
  if (!ok) return null;
  return value ? BigInt(value) : 0n;
}

/** Whether reads may go to the replica now. */
async function replicaUsable(replica: PrismaClient): Promise<boolean> {
  if ((replicaState.replicaDownUntil ?? 0) > Date.now()) return false;
  const written = await reportDataWritten();
  if (written === null) return false;
  if (written <= (replicaState.replicaReplayed ?? -1n)) return true;
  try {
    const [row] = await replica.$queryRaw<
      Array<{ replayed: string | null }>
    >`SELECT pg_last_wal_replay_lsn()::text AS replayed`;
    // Not in recovery (DATABASE_REPLICA_URL names a primary): always current.
    if (!row?.replayed) return true;
    const replayed = parseLsn(row.replayed);
    if (replayed > (replicaState.replicaReplayed ?? -1n)) replicaState.replicaReplayed = replayed;
    return written <= replayed;
  } catch (error) {
    noteReplicaDown(error);
    return false;
  }
}

/**
 * Runs a page read (the capabilities' cached reads) on the replica when it may serve it, else on
 * the primary; a read that fails on the replica is run again on the primary. Without
 * DATABASE_REPLICA_URL it is simply `read(prisma)`.
 */
export async function pageRead<T>(read: (db: PrismaClient) => Promise<T>): Promise<T> {
  const replica = replicaClient();
  if (!replica || !(await replicaUsable(replica))) return read(prisma);
  try {
    return await read(replica);
  } catch (error) {
    noteReplicaDown(error);
    return read(prisma);
  }
}

/**
 * Call after a committed write of report data, before expiring the cache: notes the
 * primary's WAL position, which the replica must have replayed before page reads go to it.
 * A no-op without a replica.
 */
export async function recordReportDataWrite(): Promise<void> {
  if (!process.env.DATABASE_REPLICA_URL) return;
  const [row] = await prisma.$queryRaw<Array<{ position: string }>>`SELECT pg_current_wal_lsn()::text AS position`;
  const position = parseLsn(row!.position);
  replicaState.reportDataWritten = position;
  if (process.env.REDIS_URL && !(await writeSharedValue(WRITE_POSITION_KEY, position.toString()))) {
    console.error(
      "[db] could not share the write position in Redis: other instances may read the replica before it has this write",
    );
  }
}
