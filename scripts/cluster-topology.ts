// The several-instances topology on one machine, from Debian's packages (scripts/cluster.ts,
// test/cluster/): a PostgreSQL 15 primary and a streaming replica (two clusters of their own,
// not the machine's), Redis, nginx balancing three `next start` instances of one build.
//
// Everything runs as a daemon with its pid in CLUSTER_DIR (default $TMPDIR/dash-cluster), so
// that `npm run cluster -- stop`, or a test in another process, can stop any part of it.
// As root, PostgreSQL runs as the `postgres` user (initdb refuses root).
import { type SpawnSyncOptions, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { makeTestCertificate, nginxBinary, nginxConf } from "./nginx-conf";
import { root, runTool, tools } from "./process-utils";

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface ClusterLayout {
  dir: string;
  primaryPort: number;
  replicaPort: number;
  redisPort: number;
  /** nginx over HTTPS, balancing every instance. */
  nginxPort: number;
  /** The same nginx over HTTPS, one instance only: to compare throughput with one and with three. */
  nginxSinglePort: number;
  /** nginx over plain HTTP: answers 308 to the same URL on nginxPort. */
  nginxHttpPort: number;
  appPorts: number[];
  database: string;
  distDir: string;
}

const envPort = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export function clusterLayout(): ClusterLayout {
  const base = envPort("CLUSTER_APP_PORT", 3601);
  return {
    dir: process.env.CLUSTER_DIR ?? path.join(tmpdir(), "dash-cluster"),
    primaryPort: envPort("CLUSTER_PRIMARY_PORT", 5433),
    replicaPort: envPort("CLUSTER_REPLICA_PORT", 5434),
    redisPort: envPort("CLUSTER_REDIS_PORT", 6380),
    nginxPort: envPort("CLUSTER_NGINX_PORT", 8443),
    nginxSinglePort: envPort("CLUSTER_NGINX_SINGLE_PORT", 8444),
    nginxHttpPort: envPort("CLUSTER_NGINX_HTTP_PORT", 8080),
    appPorts: Array.from({ length: envPort("CLUSTER_INSTANCES", 3) }, (_, i) => base + i),
    database: "dashboard",
    distDir: process.env.NEXT_DIST_DIR ?? ".next-cluster",
  };
}

export const primaryUrl = (l: ClusterLayout) => `postgresql://postgres@127.0.0.1:${l.primaryPort}/${l.database}`;
export const replicaUrl = (l: ClusterLayout) => `postgresql://postgres@127.0.0.1:${l.replicaPort}/${l.database}`;
export const redisUrl = (l: ClusterLayout) => `redis://127.0.0.1:${l.redisPort}`;
export const nginxUrl = (l: ClusterLayout) => `https://127.0.0.1:${l.nginxPort}`;
export const nginxSingleUrl = (l: ClusterLayout) => `https://127.0.0.1:${l.nginxSinglePort}`;
export const nginxHttpUrl = (l: ClusterLayout) => `http://127.0.0.1:${l.nginxHttpPort}`;
export const appUrl = (l: ClusterLayout, i: number) => `http://127.0.0.1:${l.appPorts[i]}`;

const pgDir = (l: ClusterLayout) => path.join(l.dir, "pg");
const dataDir = (l: ClusterLayout, which: "primary" | "replica") => path.join(pgDir(l), which);
const socketDir = (l: ClusterLayout) => path.join(pgDir(l), "sock");
/** The primary's archived WAL segments (archive_command copies each one here): with a base backup, a point-in-time restore. */
export const walArchiveDir = (l: ClusterLayout) => path.join(pgDir(l), "wal-archive");
const isRoot = () => process.getuid?.() === 0;

const log = (message: string) => console.log(`[cluster] ${message}`);

// --- state: the auth secret and the app instances' pids -------------------------------------

interface ClusterState {
  authSecret: string;
  apps: Record<string, number>;
}

const statePath = (l: ClusterLayout) => path.join(l.dir, "state.json");

export function readState(l: ClusterLayout): ClusterState | null {
  return existsSync(statePath(l)) ? (JSON.parse(readFileSync(statePath(l), "utf8")) as ClusterState) : null;
}

function writeState(l: ClusterLayout, state: ClusterState): void {
  writeFileSync(statePath(l), JSON.stringify(state, null, 2));
}

// --- helpers --------------------------------------------------------------------------------

/** Runs a command (as `postgres` for PostgreSQL's tools when root); throws with its output on failure. */
function run(command: string, args: string[], options: SpawnSyncOptions & { asPostgres?: boolean } = {}): string {
  const [cmd, argv] =
    options.asPostgres && isRoot() ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout ?? ""}${result.stderr ?? ""}${result.error?.message ?? ""}`,
    );
  }
  return String(result.stdout ?? "");
}

function pgCtl(l: ClusterLayout, which: "primary" | "replica", action: "start" | "stop"): void {
  const args = ["-D", dataDir(l, which), "-w", "-t", "60"];
  if (action === "start") args.push("-l", path.join(pgDir(l), `${which}.log`), "start");
  else args.push("-m", "fast", "stop");
  run(path.join(PG_BIN, "pg_ctl"), args, { asPostgres: true });
}

function pgRunning(l: ClusterLayout, which: "primary" | "replica"): boolean {
  if (!existsSync(dataDir(l, which))) return false;
  return (
    spawnSync(
      isRoot() ? "runuser" : path.join(PG_BIN, "pg_ctl"),
      isRoot()
        ? ["-u", "postgres", "--", path.join(PG_BIN, "pg_ctl"), "-D", dataDir(l, which), "status"]
        : ["-D", dataDir(l, which), "status"],
    ).status === 0
  );
}

function pidAlive(pid: number | undefined): pid is number {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
}

/** One query on a server; used for readiness and replication checks. */
export async function queryOne<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows[0] as T;
  } finally {
    await client.end();
  }
}

// --- PostgreSQL -----------------------------------------------------------------------------

function initPrimary(l: ClusterLayout): void {
  mkdirSync(pgDir(l), { recursive: true });
  mkdirSync(socketDir(l), { recursive: true });
  mkdirSync(walArchiveDir(l), { recursive: true });
  if (isRoot()) {
    for (const d of [pgDir(l), socketDir(l), walArchiveDir(l)]) chownSync(d, uidOf("postgres"), gidOf("postgres"));
  }
  log(`initdb: primary in ${dataDir(l, "primary")}`);
  run(
    path.join(PG_BIN, "initdb"),
    ["-D", dataDir(l, "primary"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"],
    { asPostgres: true },
  );
  const conf = [
    "",
    "# npm run cluster",
    "listen_addresses = '127.0.0.1'",
    `port = ${l.primaryPort}`,
    `unix_socket_directories = '${socketDir(l)}'`,
    "wal_level = replica",
    "max_wal_senders = 5",
    "max_replication_slots = 5",
    "hot_standby = on",
    // WAL archiving (docs/backup.md): every finished segment copied to the archive, never over
    // one already there; a quiet server still closes a segment every 60 s. The replica has the
    // same lines from pg_basebackup, and archives nothing while it is a standby.
    "archive_mode = on",
    `archive_command = 'test ! -f ${walArchiveDir(l)}/%f && cp %p ${walArchiveDir(l)}/%f'`,
    "archive_timeout = 60",
    "",
  ].join("\n");
  appendAs(path.join(dataDir(l, "primary"), "postgresql.conf"), conf);
}

function initReplica(l: ClusterLayout): void {
  log(`pg_basebackup: replica in ${dataDir(l, "replica")} (slot replica1, streaming)`);
  run(
    path.join(PG_BIN, "pg_basebackup"),
    [
      "-h",
      "127.0.0.1",
      "-p",
      String(l.primaryPort),
      "-U",
      "postgres",
      "-D",
      dataDir(l, "replica"),
      "-R",
      "-X",
      "stream",
      "-C",
      "-S",
      "replica1",
    ],
    { asPostgres: true },
  );
  // -R wrote standby.signal and primary_conninfo; the copied postgresql.conf names the primary's port.
  appendAs(path.join(dataDir(l, "replica"), "postgresql.auto.conf"), `port = ${l.replicaPort}\n`);
}

function appendAs(file: string, text: string): void {
  writeFileSync(file, readFileSync(file, "utf8") + text);
}

function uidOf(user: string): number {
  return Number(run("id", ["-u", user]).trim());
}
function gidOf(user: string): number {
  return Number(run("id", ["-g", user]).trim());
}

export async function startPrimary(l: ClusterLayout): Promise<void> {
  if (!pgRunning(l, "primary")) pgCtl(l, "primary", "start");
  await waitFor(
    "primary",
    async () =>
      (await queryOne<{ ok: number }>(primaryUrl(l).replace(/\/[^/]+$/, "/postgres"), "SELECT 1 AS ok")).ok === 1,
  );
}

export async function startReplica(l: ClusterLayout): Promise<void> {
  if (!pgRunning(l, "replica")) pgCtl(l, "replica", "start");
  await waitFor(
    "replica",
    async () =>
      (
        await queryOne<{ r: boolean }>(
          replicaUrl(l).replace(/\/[^/]+$/, "/postgres"),
          "SELECT pg_is_in_recovery() AS r",
        )
      ).r,
  );
}

export function stopReplica(l: ClusterLayout): void {
  if (pgRunning(l, "replica")) pgCtl(l, "replica", "stop");
}

function stopPrimary(l: ClusterLayout): void {
  if (pgRunning(l, "primary")) pgCtl(l, "primary", "stop");
}

// --- Redis ----------------------------------------------------------------------------------

const redisPidFile = (l: ClusterLayout) => path.join(l.dir, "redis.pid");

async function startRedis(l: ClusterLayout): Promise<void> {
  if (pidAlive(readPid(redisPidFile(l)))) return;
  // A cache: nothing persisted. Only entries (which have a TTL) may be evicted, never the
  // record of expired tags (lib/cache/redis-cache-handler.ts).
  run("redis-server", [
    "--port",
    String(l.redisPort),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--maxmemory",
    "256mb",
    "--maxmemory-policy",
    "volatile-lru",
    "--dir",
    l.dir,
    "--daemonize",
    "yes",
    "--pidfile",
    redisPidFile(l),
    "--logfile",
    path.join(l.dir, "redis.log"),
  ]);
  await waitFor(
    "redis",
    () => spawnSync("redis-cli", ["-p", String(l.redisPort), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG",
  );
}

async function stopByPidFile(file: string): Promise<void> {
  const pid = readPid(file);
  if (!pidAlive(pid)) return;
  process.kill(pid, "SIGTERM");
  await waitFor(`pid ${pid} to exit`, () => !pidAlive(pid), 15_000).catch(() => process.kill(pid, "SIGKILL"));
}

// --- nginx ----------------------------------------------------------------------------------

const nginxDir = (l: ClusterLayout) => path.join(l.dir, "nginx");

/** The cluster's self-signed certificate (made at the first start, in CLUSTER_DIR): what a client must trust. */
export const clusterCertificate = (l: ClusterLayout) => path.join(nginxDir(l), "tls", "cert.pem");

/** nginx ends TLS: all instances on nginxPort, instance 1 only on nginxSinglePort; plain HTTP redirects. */
function clusterNginxConf(l: ClusterLayout): string {
  return nginxConf({
    dir: nginxDir(l),
    address: "127.0.0.1",
    upstreams: [
      { name: "app", servers: l.appPorts.map((port) => `127.0.0.1:${port} max_fails=1 fail_timeout=5s`) },
      { name: "single", servers: [`127.0.0.1:${l.appPorts[0]}`] },
    ],
    https: [
      { port: l.nginxPort, upstream: "app" },
      { port: l.nginxSinglePort, upstream: "single" },
    ],
    httpRedirect: { port: l.nginxHttpPort, to: l.nginxPort },
    tls: makeTestCertificate(path.dirname(clusterCertificate(l))),
  });
}

async function startNginx(l: ClusterLayout): Promise<void> {
  const pidFile = path.join(nginxDir(l), "nginx.pid");
  if (pidAlive(readPid(pidFile))) return;
  mkdirSync(nginxDir(l), { recursive: true });
  // nginx's workers run as nobody when started as root: their temp directories must be theirs to write.
  chmodSync(nginxDir(l), 0o777);
  const conf = path.join(nginxDir(l), "nginx.conf");
  writeFileSync(conf, clusterNginxConf(l));
  const nginx = nginxBinary();
  if (!nginx) throw new Error("nginx is not installed (apt-get install nginx)");
  run(nginx, ["-p", nginxDir(l), "-c", conf, "-e", path.join(nginxDir(l), "error.log")]);
  await waitFor("nginx", () => pidAlive(readPid(pidFile)));
}

// --- the app instances ----------------------------------------------------------------------

/** The key of the encrypted columns (lib/access/secret-box.ts): derived like the audit key, so the seed and every instance share it. */
export const clusterFieldKey = (authSecret: string) =>
  process.env.FIELD_ENCRYPTION_KEY ?? createHash("sha256").update(`field-encryption:${authSecret}`).digest("base64url");

export function appEnv(l: ClusterLayout, authSecret: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    DATABASE_URL: primaryUrl(l),
    DATABASE_REPLICA_URL: replicaUrl(l),
    REDIS_URL: redisUrl(l),
    AUTH_SECRET: authSecret,
    // Behind nginx, which ends TLS: the instances believe its X-Forwarded-For/-Proto/-Host
    // (lib/access/client-address.ts), so Auth.js, told https, issues __Secure- cookies with
    // the Secure flag. AUTH_URL stays unset: the tests also reach each instance directly
    // (http://127.0.0.1:3601…), and AUTH_URL would make those requests' origin a foreign one.
    TRUSTED_PROXY_COUNT: "1",
    // The audit chain's key (lib/audit/chain.ts): derived from the cluster's secret, so every
    // instance and every restart of this cluster chains with the same key.
    AUDIT_HMAC_KEY:
      process.env.AUDIT_HMAC_KEY ?? createHash("sha256").update(`audit-chain:${authSecret}`).digest("base64url"),
    FIELD_ENCRYPTION_KEY: clusterFieldKey(authSecret),
    // The seed's demo accounts sign in (the test cluster is production-mode): allowed explicitly.
    ALLOW_DEMO_ACCOUNTS: "1",
    NEXT_DIST_DIR: l.distDir,
  };
}

/** Starts instance i (0-based) as a daemon in its own process group; its pid goes into the state. */
export async function startApp(l: ClusterLayout, i: number): Promise<void> {
  const state = readState(l);
  if (!state) throw new Error(`no cluster in ${l.dir}: run npm run cluster first`);
  if (pidAlive(state.apps[i])) return;
  const out = openSync(path.join(l.dir, `app-${i + 1}.log`), "a");
  const child = spawn(
    process.execPath,
    [path.join(root, tools.next), "start", "-p", String(l.appPorts[i]), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: appEnv(l, state.authSecret),
      stdio: ["ignore", out, out],
      detached: true,
    },
  );
  closeSync(out);
  child.unref();
  state.apps[i] = child.pid!;
  writeState(l, state);
  await waitFor(
    `instance ${i + 1} (${appUrl(l, i)})`,
    async () => {
      const response = await fetch(`${appUrl(l, i)}/signin`, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      return response.status === 200;
    },
    120_000,
  );
}

/** Stops instance i: its whole process group (next start and next-server), SIGKILL when `kill`. */
export async function stopApp(l: ClusterLayout, i: number, options: { kill?: boolean } = {}): Promise<void> {
  const state = readState(l);
  const pid = state?.apps[i];
  if (!pidAlive(pid)) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      /* gone */
    }
  };
  signal(options.kill ? "SIGKILL" : "SIGTERM");
  await waitFor(`instance ${i + 1} to exit`, () => !pidAlive(pid), 15_000).catch(() => signal("SIGKILL"));
  signal("SIGKILL"); // anything left in its group
}

// --- the whole topology ---------------------------------------------------------------------

export interface UpOptions {
  /** Build even when l.distDir has a build already. */
  rebuild?: boolean;
  /** Delete the cluster's data first (a fresh primary and replica). */
  fresh?: boolean;
}

export async function up(l: ClusterLayout, options: UpOptions = {}): Promise<void> {
  if (options.fresh) await down(l, { purge: true });
  mkdirSync(l.dir, { recursive: true });
  chmodSync(l.dir, 0o755);
  const state: ClusterState = readState(l) ?? { authSecret: randomBytes(32).toString("base64url"), apps: {} };
  writeState(l, state);

  if (!existsSync(path.join(root, l.distDir, "BUILD_ID")) || options.rebuild) {
    log(`next build → ${l.distDir}`);
    // Built without REDIS_URL: the shared cache is chosen when each instance starts.
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_DIST_DIR: l.distDir, NODE_ENV: "production" };
    delete env.REDIS_URL;
    const code = await runTool("next build", "next", ["build"], env);
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  } else {
    log(`using the build in ${l.distDir} (--rebuild after code changes)`);
  }

  const fresh = !existsSync(dataDir(l, "primary"));
  if (fresh) initPrimary(l);
  log(`PostgreSQL primary on 127.0.0.1:${l.primaryPort}`);
  await startPrimary(l);
  if (fresh) {
    await queryOne(primaryUrl(l).replace(/\/[^/]+$/, "/postgres"), `CREATE DATABASE "${l.database}"`);
  }
  log("migrations and seed on the primary");
  await applyMigrations(primaryUrl(l), { log: (m) => log(m) });
  const seed = await runTool("seed", "tsx", ["prisma/seed.ts"], {
    ...process.env,
    DATABASE_URL: primaryUrl(l),
    FIELD_ENCRYPTION_KEY: clusterFieldKey(state.authSecret),
  });
  if (seed !== 0) throw new Error(`seed failed (exit ${seed})`);

  if (!existsSync(dataDir(l, "replica"))) initReplica(l);
  log(`PostgreSQL replica on 127.0.0.1:${l.replicaPort} (streaming from the primary)`);
  await startReplica(l);

  log(`Redis on 127.0.0.1:${l.redisPort}`);
  await startRedis(l);

  for (let i = 0; i < l.appPorts.length; i++) {
    log(`instance ${i + 1}: next start on ${appUrl(l, i)}`);
    await startApp(l, i);
  }
  log(`nginx on ${nginxUrl(l)} (all instances), ${nginxSingleUrl(l)} (instance 1 only); ${nginxHttpUrl(l)} redirects`);
  await startNginx(l);
}

/** Stops every part (apps, nginx, Redis, replica, primary); `purge` also deletes the data. */
export async function down(l: ClusterLayout, options: { purge?: boolean } = {}): Promise<void> {
  if (!existsSync(l.dir)) return;
  const state = readState(l);
  for (const i of Object.keys(state?.apps ?? {})) await stopApp(l, Number(i));
  await stopByPidFile(path.join(nginxDir(l), "nginx.pid"));
  await stopByPidFile(redisPidFile(l));
  stopReplica(l);
  stopPrimary(l);
  if (options.purge) rmSync(l.dir, { recursive: true, force: true });
}

/** What is running, for `npm run cluster -- status` and the tests. */
export function status(l: ClusterLayout): Record<string, boolean> {
  const state = readState(l);
  return {
    primary: pgRunning(l, "primary"),
    replica: pgRunning(l, "replica"),
    redis: pidAlive(readPid(redisPidFile(l))),
    nginx: pidAlive(readPid(path.join(nginxDir(l), "nginx.pid"))),
    ...Object.fromEntries(l.appPorts.map((_, i) => [`instance ${i + 1}`, pidAlive(state?.apps[i])])),
  };
}
