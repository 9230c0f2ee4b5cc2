// The embedded database: PGlite (PostgreSQL compiled to WebAssembly) on disk,
// served on a local TCP port by PGLiteSocketServer (@electric-sql/pglite-socket),
// so that Prisma (@prisma/adapter-pg), `pg` pools and every script connect to
// it as to any PostgreSQL server.
//
// It runs in a child process of its own (scripts/embedded-db-server.mjs):
// PGlite executes one query at a time on the thread that owns it, so in-process
// it would compete with Next for the event loop. The child shuts down cleanly
// when its parent stops it, or exits, or dies (IPC disconnect).
//
// What the socket server is, and its limits (checked on @electric-sql/pglite-socket 0.2.17):
// - One PGlite instance, one PostgreSQL session. Up to `maxConnections` clients
//   (default here 32; the package's default of 1 makes `next start` fail) are
//   multiplexed onto it: messages are queued and run one at a time, and while
//   one client is inside BEGIN…COMMIT the others wait. The package let another
//   client's Parse run inside a batch that arrived in parts (a large Bind),
//   replacing the unnamed statement ("bind message supplies N parameters…", or
//   another query's rows: electric-sql/pglite#1046); our server keeps each batch
//   whole (scripts/pglite-batch-affinity.mjs; lib/db/embedded.test.ts).
// - Session state is shared by all clients: SET, temp tables, and advisory
//   locks (pg_advisory_lock from two clients both succeed at once).
// - One database only: CREATE DATABASE succeeds but a connection to any
//   database name lands in "postgres". For a throwaway database, start another
//   instance on another data directory (test/helpers/database.ts does).
// - No SSL, no authentication (any user/password is accepted), no cancel.
// - It is PostgreSQL 18 (PGlite 0.5), where the app's server is PostgreSQL 15.
//
// A new data directory is not initialised from scratch (initdb in WebAssembly
// takes ~8 s) but copied from a template made once per PGlite version in the
// system's temp directory (then ~1.5 s to start).
//
// One data directory must never be opened by two PGlite processes: a lock file
// next to it (<dataDir>.lock, JSON) records the running server. A second
// startEmbeddedDatabase() on the same directory reuses that server (its stop()
// then does nothing); a lock left by a dead process is taken over, with a log
// line. "Dead" also covers a pid number now used by another process (after a
// reboot or a container restart the numbers start again: the lock records each
// process's start time and the boot id, and a pid that does not match is dead).
// A server that dies by itself releases its lock (its owner is alive and may
// start it again: embedded-supervisor.ts).
import { type ChildProcess, spawn } from "node:child_process";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const defaultDataDir = ".data/pglite";
const serverScript = fileURLToPath(new URL("../../scripts/embedded-db-server.mjs", import.meta.url));

export interface EmbeddedDatabaseOptions {
  /** Data directory (created if missing), or "memory://" for a database that dies with the server. Default `.data/pglite`. */
  dataDir?: string;
  /** TCP port; default: a free one chosen by the OS. */
  port?: number;
  host?: string;
  /** Client connections the socket server accepts at once (≥ 10; default 32). */
  maxConnections?: number;
  /** How long to wait for the server to accept connections. Default 120 s. */
  startTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  port: number;
  dataDir: string;
  /** The database server's process (undefined when reused). */
  pid?: number;
  /** Settles when the server's process ends, however (never for a reused server). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True when a server already running on this data directory was reused. */
  reused: boolean;
  /** Stops the server (closing PGlite cleanly). A reused server is left running. */
  stop(): Promise<void>;
}

interface LockInfo {
  ownerPid: number;
  pid?: number;
  port?: number;
  url?: string;
  /** Start times (/proc/<pid>/stat, clock ticks since boot) and the boot id, where Linux gives them. */
  ownerStart?: string;
  pidStart?: string;
  boot?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or undefined. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/** The pid runs, and is the very process the lock names (same boot, same start time) when the lock says. */
function isSameProcess(pid: number | undefined, start: string | undefined, boot: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  if (boot !== undefined && bootId() !== undefined && boot !== bootId()) return false;
  return start === undefined || startTimeOf(pid!) === undefined || startTimeOf(pid!) === start;
}

function readLock(lockPath: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** Resolves once `SELECT 1` succeeds, or throws after `timeoutMs`. */
export async function waitForDatabase(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      lastError = error;
      await sleep(200);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw new Error(`database at ${url} not accepting connections: ${String(lastError)}`);
}

/** A freshly initialised data directory to copy, made once per PGlite version. */
async function templateDataDir(log: (message: string) => void): Promise<string> {
  const pkg = JSON.parse(
    readFileSync(
      fileURLToPath(new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url)),
      "utf8",
    ),
  ) as { version: string };
  const template = path.join(tmpdir(), `pglite-template-${pkg.version}`);
  if (existsSync(path.join(template, "PG_VERSION"))) return template;
  log(`initialising a PGlite template data directory (${template}), once`);
  const staging = mkdtempSync(`${template}.staging-`);
  try {
    const child = spawn(
      process.execPath,
      [serverScript, JSON.stringify({ dataDir: path.join(staging, "data"), initOnly: true })],
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`PGlite initdb failed (exit ${code})`);
    try {
      renameSync(path.join(staging, "data"), template);
    } catch (error) {
      // Another process made it meanwhile: use theirs.
      if (!existsSync(path.join(template, "PG_VERSION"))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return template;
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

function urlFor(host: string, port: number): string {
  return `postgresql://postgres:postgres@${host}:${port}/postgres`;
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions = {}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const host = options.host ?? "127.0.0.1";
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const inMemory = (options.dataDir ?? "").startsWith("memory://");
  const dataDir = inMemory ? options.dataDir! : path.resolve(options.dataDir ?? defaultDataDir);
  const lockPath = inMemory ? null : `${dataDir}.lock`;
  const deadline = Date.now() + timeoutMs;

  if (lockPath) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // Take the lock, or reuse the live server that holds it, or clear a stale one.
    for (;;) {
      try {
        closeSync(openSync(lockPath, "wx"));
        writeFileSync(lockPath, JSON.stringify(ownLock()));
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const info = readLock(lockPath);
      if (
        info &&
        (isSameProcess(info.pid, info.pidStart, info.boot) || isSameProcess(info.ownerPid, info.ownerStart, info.boot))
      ) {
        if (info.url && info.port) {
          await waitForDatabase(info.url, 15_000).catch((error: unknown) => {
            throw new Error(
              `${lockPath} names a running server (pid ${info.pid}) that does not answer on ${info.url}. ` +
                `If no embedded database is running, delete the lock file. (${String(error)})`,
            );
          });
          log(`reusing the embedded database already running on ${dataDir} (pid ${info.pid}, port ${info.port})`);
          return {
            url: info.url,
            port: info.port,
            dataDir,
            reused: true,
            stop: async () => {},
            exited: new Promise(() => {}),
          };
        }
        if (Date.now() > deadline)
          throw new Error(`embedded database on ${dataDir} is locked by pid ${info.ownerPid} (${lockPath})`);
        await sleep(200); // its owner is still starting it
        continue;
      }
      if (info === null) {
        // Just created by someone else and not yet written, or garbage: give it a moment.
        await sleep(200);
        if (readLock(lockPath) !== null) continue;
      }
      log(
        `taking over a stale lock ${lockPath}: ${info ? `pid ${info.ownerPid}${info.pid ? ` / ${info.pid}` : ""} is not running` : "unreadable"}`,
      );
      rmSync(lockPath, { force: true });
    }
  }

  const releaseLock = () => {
    if (!lockPath) return;
    const info = readLock(lockPath);
    if (info?.ownerPid === process.pid) rmSync(lockPath, { force: true });
  };

  let child: ChildProcess;
  let port: number;
  try {
    if (lockPath && isEmptyDir(dataDir)) {
      const template = await templateDataDir(log);
      rmSync(dataDir, { recursive: true, force: true });
      cpSync(template, dataDir, { recursive: true });
    }
    const config = {
      dataDir,
      port: options.port ?? 0,
      host,
      maxConnections: Math.max(10, options.maxConnections ?? 32),
    };
    child = spawn(process.execPath, [serverScript, JSON.stringify(config)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      detached: true, // its own process group: a terminal's Ctrl-C reaches our parent, which stops it in order
    });
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`embedded database did not start within ${timeoutMs} ms`)),
        Math.max(1_000, deadline - Date.now()),
      );
      child.on("message", (message: { type?: string; port?: number; message?: string }) => {
        if (message.type === "ready" && message.port) {
          clearTimeout(timer);
          resolve(message.port);
        } else if (message.type === "error") {
          clearTimeout(timer);
          reject(new Error(`embedded database failed to start: ${message.message}`));
        }
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`embedded database exited during start (code ${code}, signal ${signal})`));
      });
    });
  } catch (error) {
    releaseLock();
    throw error;
  }

  const url = urlFor(host, port);
  let stopPromise: Promise<void> | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode as NodeJS.Signals | null });
    else
      child.once("exit", (code, signal) => {
        // Died by itself: the data directory is free again for its owner to restart it.
        if (!stopPromise) releaseLock();
        resolve({ code, signal });
      });
  });
  const stop = () =>
    (stopPromise ??= (async () => {
      child.ref();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        let timer: NodeJS.Timeout | undefined;
        const killed = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 20_000))),
        ]);
        clearTimeout(timer);
        if (!killed) {
          log("embedded database did not stop in 20 s; killing it");
          child.kill("SIGKILL");
          await exited;
        }
      }
      releaseLock();
    })());

  try {
    if (lockPath)
      writeFileSync(
        lockPath,
        JSON.stringify({
          ...ownLock(),
          pid: child.pid,
          pidStart: startTimeOf(child.pid!),
          port,
          url,
        } satisfies LockInfo),
      );
    await waitForDatabase(url, Math.max(1_000, deadline - Date.now()));
  } catch (error) {
    await stop();
    throw error;
  }
  // Do not keep our process alive for the server's sake: if we exit without
  // stop(), the child sees the IPC channel close and shuts down by itself.
  child.unref();
  (child.channel as { unref?: () => void } | undefined)?.unref?.();
  log(`embedded database (PGlite) on ${inMemory ? "memory" : dataDir}, port ${port}, pid ${child.pid}`);
  return { url, port, dataDir, reused: false, stop, pid: child.pid, exited };
}

function ownLock(): LockInfo {
  return { ownerPid: process.pid, ownerStart: startTimeOf(process.pid), boot: bootId() };
}
