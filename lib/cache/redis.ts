import "server-only";
import { createClient } from "redis";

// The app's own small values in Redis (REDIS_URL), under the same key prefix as the shared
// page cache (lib/cache/redis-cache-handler.ts, which Next loads outside the app's bundle and
// so holds its own connection). Every call answers within a second, Redis down or not.

const TIMEOUT_MS = 1_000;
const prefix = process.env.REDIS_KEY_PREFIX ?? "dash:";

function newConnection(url: string) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
  let lastLogged = 0;
  client.on("error", (error: Error) => {
    if (Date.now() - lastLogged < 10_000) return;
    lastLogged = Date.now();
    console.error(`[redis] ${error.message}`);
  });
  return {
    client,
    ready: client.connect().then(
      () => undefined,
      () => undefined,
    ),
  };
}

type Connection = ReturnType<typeof newConnection>;
type Client = Connection["client"];
const globalForRedis = globalThis as unknown as { dashAppRedis?: Connection };

function connection(url: string): Connection {
  return (globalForRedis.dashAppRedis ??= newConnection(url));
}

async function withClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set");
  const conn = connection(url);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      conn.ready.then(() => {
        if (!conn.client.isReady) throw new Error("Redis is not connected");
        return run(conn.client);
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A value by key; `ok: false` when Redis did not answer. */
export async function readSharedValue(key: string): Promise<{ ok: boolean; value: string | null }> {
  try {
    return { ok: true, value: await withClient((client) => client.get(prefix + key)) };
  } catch {
    return { ok: false, value: null };
  }
}

/** Sets a value; false when Redis did not answer. */
export async function writeSharedValue(key: string, value: string): Promise<boolean> {
  try {
    await withClient((client) => client.set(prefix + key, value));
    return true;
  } catch {
    return false;
  }
}

/**
 * Adds one to a counter that Redis forgets `ttlSeconds` after its first count; the new count, or
 * null when Redis did not answer.
 */
export async function incrementSharedCounter(key: string, ttlSeconds: number): Promise<number | null> {
  try {
    const [count] = await withClient((client) =>
      client
        .multi()
        .incr(prefix + key)
        .expire(prefix + key, ttlSeconds, "NX")
        .exec(),
    );
    return typeof count === "number" ? count : Number(count);
  } catch {
    return null;
  }
}
