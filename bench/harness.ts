// HTTP helpers of the bench: sign in through Auth.js's credentials endpoint,
// warm a URL, load it with autocannon; plus formatting of the result tables.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { demoCodeFor } from "@/lib/access/two-factor/test-support";
import type { Cell, Column, LoadOptions, LoadResult, SectionResult } from "./types";

/** Cookie header of a signed-in browser: GET /api/auth/csrf, then POST the credentials with its token. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf: ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  // proxy.ts (auth()) and the handler may each set a CSRF cookie: send the one that holds this token ("<token>|<hash>").
  const byName = new Map<string, string>();
  for (const cookie of csrf.headers.getSetCookie().map((c) => c.split(";")[0]!)) {
    const [name, value = ""] = cookie.split(/=(.*)/s) as [string, string?];
    if (/csrf-token$/.test(name) && !decodeURIComponent(value).startsWith(`${csrfToken}|`)) continue;
    byName.set(name, cookie);
  }
  const csrfCookies = [...byName.values()];
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    // The demo accounts' one-time code (issue 22); ignored for an account without a second factor.
    body: new URLSearchParams({
      csrfToken,
      username,
      password,
      code: await demoCodeFor(username),
      callbackUrl: `${baseUrl}/`,
    }),
  });
  await response.arrayBuffer();
  const set = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const session = set.filter((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?=./.test(c));
  if (session.length === 0) {
    throw new Error(
      `sign-in as ${username} failed (status ${response.status} → ${response.headers.get("location")}, no session cookie; csrf cookies sent: ${csrfCookies.map((c) => c.split("=")[0]).join(", ") || "none"})`,
    );
  }
  // What a browser holds after signing in: the session, and Auth.js's CSRF and callback cookies
  // (without them, Auth.js would mint and set a new CSRF cookie on every request through the proxy).
  for (const cookie of set) byName.set(cookie.split("=")[0]!, cookie);
  return [...byName.values()].filter((c) => !c.endsWith("=")).join("; ");
}

export async function warm(
  baseUrl: string,
  path: string,
  options: { cookie?: string | null; expectStatus?: number; burst?: number; timeoutMs?: number } = {},
): Promise<void> {
  const expectStatus = options.expectStatus ?? 200;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let last = "";
  for (;;) {
    try {
      const response = await fetch(baseUrl + path, {
        redirect: "manual",
        headers: options.cookie ? { cookie: options.cookie } : {},
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
      if (response.status === expectStatus) break;
      last = `status ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) throw new Error(`${path} did not answer ${expectStatus} while warming (${last})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const burst = options.burst ?? 200;
  if (burst > 0) await load(baseUrl, path, { amount: burst, cookie: options.cookie, expectStatus });
}

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times (100 on every architecture Node runs on). */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * The CPU time (user + system, µs) a process has used so far, from /proc/<pid>/stat; null where
 * there is no /proc (not Linux) or no such process. The bench's servers serve in the process it
 * started (`next start` does not fork), so this is the server's own cost, without the load
 * generator's: a measure two cores shared with autocannon disturb far less than requests/s.
 */
export function processCpuMicros(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

export async function load(baseUrl: string, path: string, options: LoadOptions): Promise<LoadResult> {
  const expectStatus = options.expectStatus ?? 200;
  const cpuBefore = processCpuMicros(options.serverPid);
  const rotate = options.rotate?.length ? options.rotate : undefined;
  let next = 0;
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  const result = await autocannon({
    url: baseUrl + path,
    connections: options.connections ?? 32,
    amount: options.amount,
    method: options.method ?? "GET",
    headers,
    body: options.body,
    timeout: 30,
    // autocannon ends a run at its next sample tick: sample every 100 ms, not every second,
    // or a 10-second run's duration (and so its requests/s) is rounded to whole seconds.
    sampleInt: 100,
    ...(rotate
      ? {
          requests: [
            {
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                path: rotate[next++ % rotate.length],
              }),
            },
          ],
        }
      : {}),
  });
  const cpuAfter = processCpuMicros(options.serverPid);
  const completed = result.latency.totalCount;
  const expected = result.statusCodeStats[String(expectStatus)]?.count ?? 0;
  return {
    serverCpuMicrosPerRequest:
      cpuBefore === null || cpuAfter === null || completed === 0 ? null : (cpuAfter - cpuBefore) / completed,
    requests: completed,
    durationS: result.duration,
    requestsPerSecond: result.duration > 0 ? completed / result.duration : 0,
    latencyP50Ms: result.latency.p50,
    latencyP90Ms: result.latency.p90,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    errors: result.errors + result.timeouts + (completed - expected),
    bytesPerResponse: completed > 0 ? result.throughput.total / completed : 0,
  };
}

/** The body of one GET as a browser gets it (with the cookie): raw and gzipped bytes. */
export async function pageBytes(url: string, cookie: string | null): Promise<{ raw: number; gzip: number }> {
  const response = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds that `fn` took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export function formatCell(value: Cell | undefined, column: Pick<Column, "digits">): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") {
    const digits = column.digits ?? (Number.isInteger(value) ? 0 : 1);
    return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  return value;
}

/** A section as a Markdown table (what the README shows). */
export function markdownTable(section: Pick<SectionResult, "columns" | "rows">): string {
  const head = section.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label));
  const lines = [
    `| ${head.join(" | ")} |`,
    `|${section.columns.map((_c, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
  ];
  for (const row of section.rows)
    lines.push(`| ${section.columns.map((c) => formatCell(row[c.key], c)).join(" | ")} |`);
  return lines.join("\n");
}
