// Child processes for scripts/start.ts and scripts/test.ts.
//
// Every tool runs as `node <its JS entry>` (never through npx, whose child
// would survive it: killing `npx next start` left `next-server` listening), in
// a process group of its own, so that stopping it stops everything it started.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** JS entry points of the tools, run with this Node. */
export const tools = {
  tsx: "node_modules/tsx/dist/cli.mjs",
  next: "node_modules/next/dist/bin/next",
  vitest: "node_modules/vitest/vitest.mjs",
  playwright: "node_modules/@playwright/test/cli.js",
} as const;

export interface Tracked {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (128 + n when killed by signal n). */
  exited: Promise<number>;
}

const running = new Set<Tracked>();

const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Starts `node <tool entry> ...args` in its own process group, output inherited. */
export function startTool(
  name: string,
  tool: keyof typeof tools,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Tracked {
  const entry = path.join(root, tools[tool]);
  if (!existsSync(entry)) throw new Error(`${tools[tool]} not found: run npm ci`);
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const exited = new Promise<number>((resolve) => {
    child.once("error", (error) => {
      console.error(`[${name}] ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? (signalNumbers[signal] ?? 1) : 1)));
  });
  const tracked: Tracked = { name, child, exited };
  running.add(tracked);
  void exited.then(() => running.delete(tracked));
  return tracked;
}

/** Runs a tool to completion; returns its exit code. */
export async function runTool(
  name: string,
  tool: keyof typeof tools,
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<number> {
  return startTool(name, tool, args, env).exited;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal); // the whole group: next start and its next-server, workers…
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** `signal` (SIGTERM) to the process group, SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopTool(tracked: Tracked, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000): Promise<void> {
  const { child } = tracked;
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(child, signal);
    let timer: NodeJS.Timeout | undefined;
    const done = await Promise.race([
      tracked.exited.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!done) killGroup(child, "SIGKILL");
    await tracked.exited;
  }
  // Anything the tool left behind in its group (e.g. a server child).
  killGroup(child, "SIGKILL");
}

/** Stops every tool still running (in reverse start order), forwarding `signal`. */
export async function stopAllTools(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  for (const tracked of [...running].reverse()) await stopTool(tracked, signal);
}

/** A TCP port that was free a moment ago. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Waits until `url` answers HTTP at all (any status), or the process exits, or time runs out. */
export async function waitForHttp(url: string, tracked: Tracked, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void tracked.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${tracked.name} exited before answering on ${url}`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer().catch(() => {});
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Calls `cleanup` once on SIGINT/SIGTERM/SIGHUP, then exits with 128 + signal.
 * Returns a function that removes the handlers.
 */
export function onTerminate(cleanup: (signal: NodeJS.Signals) => Promise<void>): () => void {
  let called = false;
  const handler = (signal: NodeJS.Signals) => {
    if (called) return; // a second Ctrl-C while stopping: keep stopping
    called = true;
    void cleanup(signal)
      .catch((error) => console.error(error))
      .finally(() => process.exit(128 + (signalNumbers[signal] ?? 1)));
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
