// npm start [-- --rebuild]   production: migrate, seed, build if needed, next start
// npm run dev                (= npm start -- --dev) migrate, seed, next dev
//
// Database: DATABASE_URL when set; otherwise the embedded one (PGlite in
// .data/pglite, or EMBEDDED_DB_DIR), started here and stopped on exit, its URL
// handed to every child as DATABASE_URL.
// Port: PORT (default 3000). Address: HOSTNAME (default 127.0.0.1; scripts/bind-address.ts).
// The build is made when <NEXT_DIST_DIR, default .next>/BUILD_ID is missing or --rebuild is
// given (after changing the code, run with --rebuild).
// Ctrl-C / SIGTERM: forwarded to Next (its whole process group), then the
// embedded database is closed cleanly. If the embedded database dies by itself it is
// restarted on the same port (at most 3 times in 10 minutes); past that npm start stops
// everything and exits 1 with a message saying why (lib/db/embedded-supervisor.ts).

import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@/lib/db/embedded";
import { type SupervisedDatabase, startSupervisedEmbeddedDatabase } from "@/lib/db/embedded-supervisor";
import { applyMigrations } from "@/lib/db/migrate";
import { ensureAuditKey, ensureAuthSecret, ensureFieldKey } from "./auth-secret";
import { bindAddress, displayUrl } from "./bind-address";
import { onTerminate, root, runTool, startTool, stopAllTools } from "./process-utils";

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (!["--dev", "--rebuild"].includes(a)) {
    console.error(`[start] unknown argument ${a} (use --dev, --rebuild)`);
    process.exit(2);
  }
}
const dev = args.has("--dev");
const port = process.env.PORT ?? "3000";
const { host, note: hostNote } = bindAddress();
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const log = (message: string) => console.log(`[start] ${message}`);

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

let embedded: SupervisedDatabase | undefined;
let stopping: Promise<void> | undefined;
function shutdown(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return (stopping ??= (async () => {
    await stopAllTools(signal);
    if (embedded) {
      log("关闭内置数据库… / stopping the embedded database");
      await embedded.stop();
    }
  })());
}
onTerminate(async (signal) => {
  log(`收到 ${signal}，正在停止… / ${signal}: stopping`);
  await shutdown(signal);
});

async function main(): Promise<number> {
  ensureAuthSecret(path.join(root, ".data"));
  ensureAuditKey(path.join(root, ".data"));
  ensureFieldKey(path.join(root, ".data"));
  if (!process.env.DATABASE_URL) {
    // The embedded demo: the README's demo accounts may sign in although `next start` runs in
    // production mode (issue 22). With DATABASE_URL (a real deployment) only ALLOW_DEMO_ACCOUNTS=1 lets them.
    process.env.ALLOW_DEMO_ACCOUNTS ??= "1";
    const dataDir = process.env.EMBEDDED_DB_DIR ?? defaultDataDir;
    log(`启动内置数据库… / starting the embedded database (PGlite, ${dataDir})`);
    embedded = await startSupervisedEmbeddedDatabase({
      dataDir,
      log,
      onGiveUp: (message) => {
        console.error(`[start] ${message}`);
        void shutdown().finally(() => process.exit(1));
      },
    });
    process.env.DATABASE_URL = embedded.url;
  } else {
    log("使用 DATABASE_URL / using DATABASE_URL");
  }

  log("数据库迁移… / migrating");
  const applied = await applyMigrations(process.env.DATABASE_URL, { log });
  log(applied.length ? `已应用迁移 / applied: ${applied.join(", ")}` : "迁移已是最新 / migrations up to date");

  if (existsSync(path.join(root, "prisma/seed.ts"))) {
    log("写入初始数据… / seeding");
    const code = await runTool("seed", "tsx", ["prisma/seed.ts"]);
    if (code !== 0) {
      log(`初始数据写入失败 / seed failed (exit ${code})`);
      return code;
    }
  } else {
    log("警告：缺少 prisma/seed.ts，跳过初始数据 / warning: prisma/seed.ts not found, not seeding");
  }

  if (hostNote) log(hostNote);
  if (dev) {
    log(`开发服务器 / next dev on ${displayUrl(host, port)}`);
    return startTool("next dev", "next", ["dev", "-p", port, "-H", host]).exited;
  }

  if (args.has("--rebuild") || !existsSync(path.join(root, distDir, "BUILD_ID"))) {
    log("构建… / next build");
    const code = await runTool("next build", "next", ["build"]);
    if (code !== 0) {
      log(`构建失败 / build failed (exit ${code})`);
      return code;
    }
  } else {
    log(
      `使用已有构建 (${distDir}/BUILD_ID)；代码改动后请加 --rebuild / using the existing build; pass --rebuild after code changes`,
    );
  }
  // Reads cached before this start may predate what changed while the server was down (a case
  // import from the command line, another DATABASE_URL): start with none. Pages re-render once.
  rmSync(path.join(root, distDir, "cache", "fetch-cache"), { recursive: true, force: true });
  log(`启动 / next start on ${displayUrl(host, port)} (HOSTNAME=${host})`);
  return startTool("next start", "next", ["start", "-p", port, "-H", host]).exited;
}

let code: number;
try {
  code = await main();
} catch (error) {
  console.error(`[start] 失败 / failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  code = 1;
}
await shutdown();
process.exit(code);
