import "server-only";
// Telling every instance that a user's status changed (issue 19, item 6). Each instance keeps
// a user's status (active, sessionVersion, role) for up to 5 s (lib/access/viewer-status.ts);
// a password change, sign-out, deactivation, reset or role change forgets it in the instance
// that made it, and — with REDIS_URL, as several instances run (docs/deploying.md) — publishes
// the user's id here, so the others forget it within a Redis round trip instead of 5 s.
//
// Its own two connections (a subscribed Redis connection can do nothing else), not the page
// cache's: this is access state, and its failure modes are its own. Redis down: nothing is
// published or received (logged), and the 5 s expiry of the status is the bound again.
import { createClient } from "redis";

const channel = () => `${process.env.REDIS_KEY_PREFIX ?? "dash:"}user-status`;
const newClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
type Client = ReturnType<typeof newClient>;
type State = { url: string; publisher: Promise<Client | null>; subscriber?: Promise<Client | null> };
// On globalThis: the proxy and the app are bundled apart but share one process (and one cache).
const store = globalThis as unknown as { __dashboardStatusBroadcast?: State };

let lastLogged = 0;
function log(message: string): void {
  if (Date.now() - lastLogged < 10_000) return;
  lastLogged = Date.now();
  console.error(`[access] user status broadcast: ${message}`);
}

async function connect(url: string): Promise<Client | null> {
  const client = newClient(url);
  client.on("error", (error: Error) => log(error.message));
  try {
    await client.connect();
    return client;
  } catch (error) {
    log((error as Error).message);
    return null;
  }
}

function state(): State | null {
  const url = process.env.REDIS_URL;
  if (!url) return null;
  if (store.__dashboardStatusBroadcast?.url !== url)
    store.__dashboardStatusBroadcast = { url, publisher: connect(url) };
  return store.__dashboardStatusBroadcast;
}

/** Tells the other instances to forget this user's status (no-op without REDIS_URL). */
export async function publishStatusChange(userId: number): Promise<void> {
  const s = state();
  if (!s) return;
  // A Redis that is down must not hold a sign-out or a password change: give up after a second.
  const client = await Promise.race([s.publisher, new Promise<null>((r) => setTimeout(r, 1_000, null).unref())]);
  if (!client?.isReady) return;
  try {
    await client.publish(channel(), String(userId));
  } catch (error) {
    log((error as Error).message);
  }
}

/**
 * Calls `forget` with every user id another instance (or this one) publishes; once per process.
 * Resolves when subscribed (or Redis is unreachable).
 */
export function subscribeStatusChanges(forget: (userId: number) => void): Promise<void> {
  const s = state();
  if (!s) return Promise.resolve();
  s.subscriber ??= connect(s.url).then(async (client) => {
    if (!client) return null;
    await client.subscribe(channel(), (message) => {
      const userId = Number(message);
      if (Number.isInteger(userId) && userId > 0) forget(userId);
    });
    return client;
  });
  return s.subscriber.then(
    () => undefined,
    (error: Error) => log(error.message),
  );
}
