// npm run bench [-- flags]
//
// Speed as a measured property: prepares a throwaway database with 10 years
// of data, builds the app for production, serves it on 127.0.0.1 and runs the
// sections in bench/sections/*.ts in order (pages under load, Lighthouse,
// bulletin generation, first-load JS, and any section another part of the app
// adds). Prints one table per section and the budgets, and writes everything to
// bench/results.json.
//
//   1. database: with DATABASE_URL (a PostgreSQL server), a database
//      bench_<random> on that server, dropped at the end; without it (or when it
//      is a pglite-server), an embedded PGlite in a temporary directory.
//   2. migrations, then the seed: the reference month 2021-06, the 119 months
//      before it generated and stored as demo (2011-07 … 2021-05: 10 years ×
//      12 months × 49 units), and the demo accounts.
//   3. next build into .next-bench (NEXT_DIST_DIR; never replaces another build).
//   4. next start on a free port of 127.0.0.1, sign in (official, admin).
//   5. the sections; 6. always: stop Next, drop the database.
//
// Flags: --quick          fewer requests and rounds, one Lighthouse run
//                          (writes bench/results.local.json unless --out)
//        --reuse-build    keep .next-bench when it has a BUILD_ID (after code changes: don't)
//        --only=a,b       run only these sections (ids: pages, lighthouse, bulletin, size, …)
//        --out=FILE       where to write the results (default bench/results.json)
//        --check          exit 1 when a budget is missed (default: report only)
//        --wait-quiet=S   before each section, wait up to S seconds (default 120; 0 with --quick)
//                         until the machine is quiet: other processes' CPU use skews the load
//                         test and Lighthouse (the idle share before each section is recorded)
//
// Load tests go to 127.0.0.1 only, with a fixed number of requests each.

import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { DEMO_FIELD_KEY } from "@/lib/access/secret-box";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createPrismaClient, type PrismaClient } from "@/lib/db/prisma-client";
import { REFERENCE_MONTH } from "@/lib/demo-data/reference-month";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { load, markdownTable, signIn, warm } from "../bench/harness";
import type { BenchContext, BenchSection, Budget, SectionResult } from "../bench/types";
import { freePort, onTerminate, root, runTool, startTool, stopAllTools, waitForHttp } from "./process-utils";

const KNOWN = ["--quick", "--reuse-build", "--check"];
const argv = process.argv.slice(2);
for (const a of argv) {
  if (!KNOWN.includes(a) && !/^--(only|out|wait-quiet)=./.test(a)) {
    console.error(
      `[bench] unknown argument ${a} (use --quick, --reuse-build, --only=pages,size, --out=FILE, --check, --wait-quiet=SECONDS)`,
    );
    process.exit(2);
  }
}
const flag = (name: string) => argv.includes(name);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = flag("--quick");
const only = option("only")?.split(",");
const outFile = path.resolve(root, option("out") ?? (quick ? "bench/results.local.json" : "bench/results.json"));
const waitQuietSeconds = Number(option("wait-quiet") ?? (quick ? 0 : 120));

/** Generated months before the reference month: with it, 120 months = 10 years. */
const DEMO_MONTHS = 119;
const DIST_DIR = ".next-bench";

const log = (message: string) => console.log(`[bench] ${message}`);
const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//…@");

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

let adminUrl: string | undefined;
let databaseName: string | undefined;
let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;
let prisma: PrismaClient | undefined;

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    return rows[0]?.version ?? "";
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<{ url: string; kind: string }> {
  const given = process.env.DATABASE_URL;
  if (given && !/pglite/i.test(await serverVersion(given))) {
    adminUrl = given;
    databaseName = `bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${databaseName}"`);
    } finally {
      await admin.end();
    }
    const u = new URL(given);
    u.pathname = `/${databaseName}`;
    log(`数据库 / database ${redact(u.toString())} (throwaway, on DATABASE_URL's server)`);
    return { url: u.toString(), kind: "PostgreSQL server (DATABASE_URL)" };
  }
  embeddedDir = mkdtempSync(path.join(os.tmpdir(), "dash-bench-pglite-"));
  log(`启动内置数据库 / starting an embedded database (PGlite) in ${embeddedDir}`);
  embedded = await startEmbeddedDatabase({ dataDir: path.join(embeddedDir, "data"), log });
  return { url: embedded.url, kind: "embedded PGlite (no DATABASE_URL)" };
}

let cleaning: Promise<void> | undefined;
function cleanup(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return (cleaning ??= (async () => {
    await stopAllTools(signal).catch((e) => console.error(e));
    await prisma?.$disconnect().catch(() => {});
    if (adminUrl && databaseName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      try {
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
        log(`已删除数据库 / dropped ${databaseName}`);
      } catch (error) {
        console.error(`[bench] could not drop ${databaseName}:`, error);
      } finally {
        await admin.end().catch(() => {});
      }
    }
    if (embedded) await embedded.stop().catch((e) => console.error(e));
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  })());
}
onTerminate(async (signal) => {
  log(`收到 ${signal}，清理中… / ${signal}: cleaning up`);
  await cleanup(signal);
});

/** The commit measured, "+ local changes" when the tree differs from it. */
function gitCommit(): string | null {
  try {
    const run = (args: string[]) =>
      execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = run(["status", "--porcelain", "--untracked-files=no"]) !== "";
    return `${run(["rev-parse", "--short", "HEAD"])}${dirty ? " + local changes" : ""}`;
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  let chromium: string | null = null;
  try {
    chromium = execFileSync(process.env.CHROME_PATH ?? "/usr/bin/chromium", ["--version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    /* not installed */
  }
  const version = (pkg: string) =>
    (JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string })
      .version;
  return {
    hostname: os.hostname(),
    cpu: cpus[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    next: version("next"),
    chromium,
  };
}

/** Idle share of all cores over `ms` (from /proc/stat; null where there is none). */
async function idleShare(ms: number): Promise<number | null> {
  const read = () => {
    try {
      const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
      return { idle: cpu[3]! + (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = read();
  if (!a || !b || b.total === a.total) return null;
  return (b.idle - a.idle) / (b.total - a.total);
}

/**
 * Waits until the machine has been quiet (≥ 85% idle over 10 s: our idle server aside, nothing
 * else running) or `maxSeconds` have passed. Returns the idle share measured last.
 */
async function waitForQuiet(maxSeconds: number): Promise<number | null> {
  const deadline = Date.now() + maxSeconds * 1000;
  let idle = await idleShare(maxSeconds > 0 ? 10_000 : 2_000);
  let told = false;
  while (idle !== null && idle < 0.85 && Date.now() < deadline) {
    if (!told)
      log(
        `机器繁忙 / the machine is busy (${Math.round(idle * 100)}% idle): waiting up to ${maxSeconds} s for it to be quiet`,
      );
    told = true;
    idle = await idleShare(10_000);
  }
  return idle;
}

async function loadSections(): Promise<Array<BenchSection & { file: string }>> {
  const dir = path.join(root, "bench/sections");
  const files = readdirSync(dir).filter(
    (f) => /\.tsx?$/.test(f) && !/\.(test|spec)\.tsx?$/.test(f) && !f.endsWith(".d.ts"),
  );
  const sections: Array<BenchSection & { file: string }> = [];
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: BenchSection };
    const section = mod.default;
    if (!section || typeof section.run !== "function")
      throw new Error(`bench/sections/${file}: default export is not a BenchSection`);
    sections.push({ ...section, file });
  }
  return sections
    .sort((a, b) => a.order - b.order || a.file.localeCompare(b.file))
    .filter((s) => !only || only.includes(s.id));
}

type SectionOutcome = SectionResult & {
  id: string;
  seconds: number;
  idleBefore: number | null;
  /** The 1-minute load average before and after the section (a shared machine: each figure's context). */
  loadAverage: { before: number; after: number };
  error?: string;
};

async function main(): Promise<{ outcomes: SectionOutcome[]; ok: boolean }> {
  const startedAt = new Date();
  const load1 = os.loadavg()[0]!;
  log(
    `${quick ? "快速 / quick" : "完整 / full"} run; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} on ${os.availableParallelism()} cores`,
  );
  const sections = await loadSections();
  log(`sections: ${sections.map((s) => s.id).join(", ")}`);

  const db = await prepareDatabase();
  log("数据库迁移 / migrating");
  await applyMigrations(db.url);
  prisma = createPrismaClient(db.url, 3);
  log(`写入数据 / seeding: reference month ${REFERENCE_MONTH} + ${DEMO_MONTHS} generated demo months + demo accounts`);
  const seedStarted = performance.now();
  const seeded = await seedDatabase(prisma, { demoMonths: DEMO_MONTHS, demoUsers: true });
  const monthCount = await prisma.reportMonth.count();
  const statCount = await prisma.monthlyStat.count();
  log(
    `seeded ${seeded.months} months (${statCount} unit rows), ${seeded.users} accounts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  if (monthCount !== DEMO_MONTHS + 1) throw new Error(`expected ${DEMO_MONTHS + 1} months, found ${monthCount}`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: db.url,
    NEXT_DIST_DIR: DIST_DIR,
    // A fresh secret per run: no session survives it.
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? randomBytes(32).toString("base64url"),
    // The seed above sealed the demo accounts' second factor with this process's key (the demo key
    // unless FIELD_ENCRYPTION_KEY is set); the production-mode server must open it, and let them in.
    FIELD_ENCRYPTION_KEY: process.env.FIELD_ENCRYPTION_KEY ?? DEMO_FIELD_KEY,
    ALLOW_DEMO_ACCOUNTS: "1",
  };
  const buildId = path.join(root, DIST_DIR, "BUILD_ID");
  let buildSeconds: number | null = null;
  if (flag("--reuse-build") && existsSync(buildId)) {
    log(`使用已有构建 / reusing ${DIST_DIR} (--reuse-build)`);
  } else {
    log(`构建 / next build → ${DIST_DIR}`);
    const started = performance.now();
    const code = await runTool("next build", "next", ["build"], env);
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
    buildSeconds = (performance.now() - started) / 1000;
  }

  // Cached reads of an earlier run's database (Next keeps its data cache across builds).
  rmSync(path.join(root, DIST_DIR, "cache", "fetch-cache"), { recursive: true, force: true });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`启动 / next start on ${baseUrl}`);
  const server = startTool("next start", "next", ["start", "-p", String(port), "-H", "127.0.0.1"], env);
  await waitForHttp(`${baseUrl}/signin`, server);

  const officialCookie = await signIn(baseUrl, "official", "official-demo-2021");
  const adminCookie = await signIn(baseUrl, "admin", "admin-demo-2021");
  const context: BenchContext = {
    quick,
    baseUrl,
    distDir: DIST_DIR,
    root,
    databaseUrl: db.url,
    prisma,
    month: REFERENCE_MONTH,
    monthCount,
    signIn: (username, password) => signIn(baseUrl, username, password),
    officialCookie,
    adminCookie,
    warm: (p, options = {}) =>
      warm(baseUrl, p, {
        cookie: options.cookie === undefined ? officialCookie : options.cookie,
        expectStatus: options.expectStatus,
        burst: options.burst,
      }),
    load: (p, options) =>
      load(baseUrl, p, {
        serverPid: server.child.pid,
        ...options,
        cookie: options.cookie === undefined ? officialCookie : options.cookie,
      }),
    log: (message) => console.log(`[bench] ${message}`),
  };

  const outcomes: SectionOutcome[] = [];
  for (const section of sections) {
    const idleBefore = await waitForQuiet(waitQuietSeconds);
    const loadBefore = os.loadavg()[0]!;
    log(
      `── ${section.id} ── (machine ${idleBefore === null ? "?" : Math.round(idleBefore * 100)}% idle, load average ${loadBefore.toFixed(2)})`,
    );
    const started = performance.now();
    const loadAverage = () => ({ before: loadBefore, after: os.loadavg()[0]! });
    try {
      const result = await section.run(context);
      outcomes.push({
        id: section.id,
        ...result,
        seconds: (performance.now() - started) / 1000,
        idleBefore,
        loadAverage: loadAverage(),
      });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`[bench] section ${section.id} failed: ${message}`);
      outcomes.push({
        id: section.id,
        title: section.id,
        columns: [],
        rows: [],
        seconds: (performance.now() - started) / 1000,
        idleBefore,
        loadAverage: loadAverage(),
        error: message.split("\n")[0],
      });
    }
  }

  const budgets: Budget[] = outcomes.flatMap((o) => o.budgets ?? []);
  const finishedAt = new Date();
  const results = {
    date: startedAt.toISOString(),
    commit: gitCommit(),
    finishedAt: finishedAt.toISOString(),
    quick,
    machine: machine(),
    loadAverage: { atStart: load1, atEnd: os.loadavg()[0]! },
    database: { kind: db.kind, version: await serverVersion(db.url), months: monthCount, unitRows: statCount },
    build: { distDir: DIST_DIR, seconds: buildSeconds },
    budgets,
    sections: outcomes,
  };
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  // The report: one Markdown table per section, then the budgets.
  const m = results.machine;
  console.log(
    `\n## npm run bench${quick ? " -- --quick" : ""} · ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC · ${results.commit ?? "no git"}`,
  );
  console.log(
    `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, Next ${m.next}; ${db.kind}: ${results.database.version.split(",")[0]}`,
  );
  console.log(
    `${monthCount} months × 49 units (${statCount} rows, ${monthCount - 1} generated demo months); load average ${load1.toFixed(2)} at start, ${results.loadAverage.atEnd.toFixed(2)} at end`,
  );
  for (const outcome of outcomes) {
    const idle = outcome.idleBefore === null ? "" : `; machine ${Math.round(outcome.idleBefore * 100)}% idle before`;
    const loadAvg = `; load average ${outcome.loadAverage.before.toFixed(2)} → ${outcome.loadAverage.after.toFixed(2)}`;
    console.log(`\n### ${outcome.title} (${outcome.seconds.toFixed(0)} s${idle}${loadAvg})\n`);
    if (outcome.error) {
      console.log(`**failed**: ${outcome.error}`);
      continue;
    }
    console.log(markdownTable(outcome));
    for (const note of outcome.notes ?? []) console.log(`\n${note}`);
  }
  console.log("\n### Budgets\n");
  console.log(
    markdownTable({
      columns: [
        { key: "name", label: "budget" },
        { key: "limit", label: "limit" },
        { key: "actual", label: "measured" },
        { key: "met", label: "met" },
      ],
      rows: budgets.map((b) => ({
        name: b.name,
        limit: b.limit,
        actual: b.actual,
        met: b.ok ? "✓" : `✗${b.note ? ` ${b.note}` : ""}`,
      })),
    }),
  );
  console.log(`\n[bench] results → ${path.relative(root, outFile)}`);
  const failed = outcomes.filter((o) => o.error);
  const missed = budgets.filter((b) => !b.ok);
  if (failed.length) log(`失败的部分 / failed sections: ${failed.map((o) => o.id).join(", ")}`);
  if (missed.length) log(`未达预算 / budgets missed: ${missed.map((b) => b.name).join("; ")}`);
  return { outcomes, ok: failed.length === 0 && (!flag("--check") || missed.length === 0) };
}

let ok = false;
try {
  ok = (await main()).ok;
} catch (error) {
  console.error(`[bench] 失败 / failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
await cleanup();
process.exit(ok ? 0 : 1);
