// npm test [-- flags] [vitest filters]
//
//   1. schema check: prisma/schema.prisma must be covered by the migrations
//      (scripts/migration-create.ts --check).
//   2. database: with DATABASE_URL set, a throwaway database dash_test_<random>
//      on that server; unset, an embedded PGlite server in a temporary
//      directory (which is itself throwaway). pglite-server has one database
//      (CREATE DATABASE "works" but every connection lands in "postgres"), so
//      a DATABASE_URL pointing at a pglite-server also gets a fresh embedded
//      instance instead. Migrations are applied with lib/db/migrate.ts.
//   3. vitest run (unit + integration), with TEST_DATABASE_URL = DATABASE_URL =
//      that database, and TEST_DB_PREFIX for the further databases that
//      test/helpers/database.ts creates.
//   4. e2e: seed (prisma/seed.ts), next build, next start on a free port,
//      playwright test (e2e/, Debian's /usr/bin/chromium) with E2E_BASE_URL.
//   5. always: stop Next, drop every database this run created (or stop the
//      embedded server and delete its directory). Exit 1 if any step failed.
//
// Flags: --no-e2e / --unit-only  steps 1–3 only
//        --e2e-only              steps 1, 2 and 4
//        --keep-db               do not drop the database (its URL is printed)
// Other arguments go to vitest (e.g. `npm test -- --no-e2e lib/indicators`), or with
// --e2e-only to playwright (e.g. `npm test -- --e2e-only e2e/cases.spec.ts`; setup runs too).
//
// Step 4 builds into .next-test/ (NEXT_DIST_DIR), never replacing the build `npm start` serves.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { ensureBrowserTestsCanRun } from "./browser-preflight";
import { freePort, onTerminate, root, runTool, startTool, stopAllTools, stopTool, waitForHttp } from "./process-utils";

// The runners' JSON reports, read back for the closing count.
const vitestReport = path.join(root, "test-results", "vitest.json");
const playwrightReport = path.join(root, "test-results", "playwright.json");

const known = new Set(["--no-e2e", "--unit-only", "--e2e-only", "--keep-db"]);
const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => known.has(a)));
const vitestArgs = argv.filter((a) => !known.has(a));
const runUnit = !flags.has("--e2e-only");
const runE2e = !flags.has("--no-e2e") && !flags.has("--unit-only");

const log = (message: string) => console.log(`\n[test] ${message}`);
const redact = (url: string) => url.replace(/\/\/[^@/]*@/, "//…@");

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

const runId = randomBytes(4).toString("hex");
/** Every database this run creates on a PostgreSQL server starts with this. */
const dbPrefix = `dash_test_${runId}`;
let adminUrl: string | undefined; // set when databases were created on a real server
let embedded: EmbeddedDatabase | undefined;
let embeddedDir: string | undefined;
const results: { step: string; ok: boolean; note?: string }[] = [];

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function isPglite(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>("SELECT version()");
    return /pglite/i.test(rows[0]?.version ?? "");
  } finally {
    await client.end();
  }
}

async function prepareDatabase(): Promise<string> {
  const given = process.env.DATABASE_URL;
  if (given && !(await isPglite(given))) {
    adminUrl = given;
    const url = withDatabase(given, dbPrefix);
    const admin = new pg.Client({ connectionString: given });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${dbPrefix}"`);
    } finally {
      await admin.end();
    }
    log(`数据库 / database ${redact(url)} (throwaway, on DATABASE_URL's server)`);
    return url;
  }
  if (given)
    log(
      "DATABASE_URL 指向 pglite-server（仅一个数据库）/ DATABASE_URL is a pglite-server (one database only): using a fresh embedded instance",
    );
  embeddedDir = mkdtempSync(path.join(tmpdir(), "dash-test-pglite-"));
  log(`启动内置数据库 / starting an embedded database in ${embeddedDir}`);
  embedded = await startEmbeddedDatabase({ dataDir: path.join(embeddedDir, "data") });
  return embedded.url;
}

async function dropDatabases(): Promise<void> {
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Ours, and any the integration tests' helper left behind (same prefix).
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [dbPrefix],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    }
    if (rows.length) log(`已删除测试数据库 / dropped ${rows.map((r) => r.datname).join(", ")}`);
  } finally {
    await admin.end();
  }
}

let cleaning: Promise<void> | undefined;
function cleanup(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return (cleaning ??= (async () => {
    await stopAllTools(signal).catch((e) => console.error(e));
    if (flags.has("--keep-db")) {
      log(
        "--keep-db: 保留数据库 / database kept" +
          (embeddedDir ? ` (embedded server stopped; data in ${embeddedDir})` : ""),
      );
      await embedded?.stop();
      return;
    }
    await dropDatabases().catch((e) => console.error("[test] could not drop the test databases:", e));
    if (embedded) await embedded.stop().catch((e) => console.error(e));
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  })());
}
onTerminate(async (signal) => {
  log(`收到 ${signal}，清理中… / ${signal}: cleaning up`);
  await cleanup(signal);
});

async function step(name: string, fn: () => Promise<unknown>): Promise<boolean> {
  log(`${name}…`);
  const started = Date.now();
  let ok: boolean;
  let note: string | undefined;
  try {
    const code = await fn();
    ok = code === undefined || code === 0;
    if (!ok) note = `exit ${String(code)}`;
  } catch (error) {
    ok = false;
    note = error instanceof Error ? error.message : String(error);
    console.error(`[test] ${name}: ${note}`);
  }
  results.push({ step: `${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`, ok, note });
  return ok;
}

function hasE2eSpecs(): boolean {
  const dir = path.join(root, "e2e");
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true }).some((f) => /\.(spec|test)\.[cm]?[jt]sx?$/.test(String(f)));
}

async function main(): Promise<void> {
  // Fail in seconds, not after the unit tests and a build, when the browser tests cannot run.
  if (runE2e && hasE2eSpecs()) {
    const stop = ensureBrowserTestsCanRun(log);
    if (stop) {
      console.error(`\n[test] ${stop}`);
      results.push({ step: "浏览器 / browser", ok: false, note: "missing" });
      return;
    }
  }
  await step("模型与迁移一致 / schema covered by migrations", () =>
    runTool("migration check", "tsx", ["scripts/migration-create.ts", "--check"]),
  );

  let url: string | undefined;
  const dbOk = await step("准备数据库 / database + migrations", async () => {
    url = await prepareDatabase();
    const applied = await applyMigrations(url, { log: (m) => console.log(`[migrate] ${m}`) });
    console.log(`[test] migrations applied: ${applied.join(", ") || "(none)"}`);
  });
  if (!dbOk || !url) return;

  const caseUploadDir = mkdtempSync(path.join(tmpdir(), "dash-test-case-uploads-"));
  process.on("exit", () => rmSync(caseUploadDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    TEST_DATABASE_URL: url,
    TEST_DB_PREFIX: dbPrefix,
    // A fresh secret per run: no session survives a test run.
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    // The audit chain's key (lib/audit/chain.ts): the seed, the server and the specs share it.
    AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? randomBytes(32).toString("base64url"),
    // The encrypted columns' key (lib/access/secret-box.ts): the seed seals the demo accounts'
    // second factor with it, the server and the specs open it.
    FIELD_ENCRYPTION_KEY: process.env.FIELD_ENCRYPTION_KEY ?? randomBytes(32).toString("base64url"),
    // The e2e server runs `next start` (production mode): the seed's demo accounts are allowed explicitly.
    ALLOW_DEMO_ACCOUNTS: "1",
    // Case uploads of this run only: a run's upload #3 never meets an earlier run's files.
    CASE_UPLOAD_DIR: caseUploadDir,
  };

  if (runUnit) {
    await step("单元与集成测试 / vitest", () =>
      runTool(
        "vitest",
        "vitest",
        ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`, ...vitestArgs],
        env,
      ),
    );
  }

  if (!runE2e) return;
  if (!hasE2eSpecs()) {
    results.push({ step: "e2e", ok: true, note: "skipped: no specs in e2e/" });
    return;
  }
  if (!existsSync(path.join(root, "app")) && !existsSync(path.join(root, "pages"))) {
    results.push({ step: "e2e", ok: true, note: "skipped: no app/ yet" });
    console.warn("[test] warning: no app/ directory, e2e skipped");
    return;
  }
  env.NEXT_DIST_DIR = ".next-test";
  // The specs share one signed-in cookie per demo account for the whole run: the longest idle time
  // the policy allows (issue 22), so an account the specs leave alone for half an hour stays in.
  // e2e/sessions.spec.ts tests the idle end on a throwaway user's session of its own.
  env.SESSION_IDLE_MINUTES ??= "120";
  // Cached reads of an earlier run's database (Next keeps its data cache across builds): this
  // run has a database of its own, so none of them may be served.
  rmSync(path.join(root, ".next-test", "cache", "fetch-cache"), { recursive: true, force: true });
  if (existsSync(path.join(root, "prisma/seed.ts"))) {
    if (!(await step("初始数据 / seed", () => runTool("seed", "tsx", ["prisma/seed.ts"], env)))) return;
    // A small month of case records (2020-05, before the seed's months: no spec's figures move),
    // through the real import pipeline: the drill-down and 办件超时 specs read it.
    if (existsSync(path.join(root, "test/fixtures/import-case-month.ts"))) {
      if (
        !(await step("办件明细样例 / case fixture", () =>
          runTool("case fixture", "tsx", ["test/fixtures/import-case-month.ts"], env),
        ))
      )
        return;
    }
  } else {
    console.warn("[test] warning: prisma/seed.ts not found, e2e runs on an empty database");
  }
  if (!(await step("构建 / next build", () => runTool("next build", "next", ["build"], env)))) return;

  await step("端到端测试 / playwright", async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // The cards' test clock (lib/supervision/cards/test-clock.ts): for this server only, not the build.
    const server = startTool("next start", "next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
      ...env,
      SUPERVISION_TEST_CLOCK: "1",
    });
    try {
      await waitForHttp(baseUrl, server);
      return await runTool(
        "playwright",
        "playwright",
        ["test", "--reporter=list,json", ...(runUnit ? [] : vitestArgs)],
        {
          ...env,
          E2E_BASE_URL: baseUrl,
          PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
        },
      );
    } finally {
      await stopTool(server);
    }
  });
}

/** Passed/failed/skipped tests from the runners' JSON reports (absent report: nothing ran). */
function testCounts(): { passed: number; failed: number; skipped: number } {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const read = (file: string): unknown => {
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch {
      return null;
    }
  };
  const vitest = read(vitestReport) as {
    numPassedTests?: number;
    numFailedTests?: number;
    numPendingTests?: number;
    numTodoTests?: number;
  } | null;
  if (vitest) {
    counts.passed += vitest.numPassedTests ?? 0;
    counts.failed += vitest.numFailedTests ?? 0;
    counts.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  }
  const playwright = read(playwrightReport) as {
    stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  } | null;
  if (playwright?.stats) {
    counts.passed += (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
    counts.failed += playwright.stats.unexpected ?? 0;
    counts.skipped += playwright.stats.skipped ?? 0;
  }
  return counts;
}

let failed = false;
try {
  rmSync(vitestReport, { force: true });
  rmSync(playwrightReport, { force: true });
  await main();
} catch (error) {
  console.error(error);
  failed = true;
}
await cleanup();

console.log("\n[test] ─────────────────────────────");
for (const r of results) console.log(`[test] ${r.ok ? "✓" : "✗"} ${r.step}${r.note ? `  ${r.note}` : ""}`);
failed ||= results.some((r) => !r.ok);
console.log(`[test] ${failed ? "失败 / FAILED" : "通过 / passed"}`);
// One plain closing line with the number of tests run, across both runners.
const counts = testCounts();
console.log(
  `tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`,
);
process.exit(failed ? 1 : 0);
