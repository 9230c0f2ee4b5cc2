// npm run db:migrate — applies pending migrations (prisma/migrations) offline,
// with lib/db/migrate.ts (plain pg, Prisma-compatible _prisma_migrations).
//
// DATABASE_URL set: migrates that database. Unset: the embedded database
// (PGlite in .data/pglite, or EMBEDDED_DB_DIR), started for the occasion, or
// the one `npm start` is already running on that directory.

import { defaultDataDir, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

const log = (message: string) => console.log(`[migrate] ${message}`);

let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
let code = 0;
try {
  if (!url) {
    log("DATABASE_URL 未设置，使用内置数据库 / DATABASE_URL unset: using the embedded database");
    embedded = await startEmbeddedDatabase({ dataDir: process.env.EMBEDDED_DB_DIR ?? defaultDataDir, log });
    url = embedded.url;
  }
  log(`数据库迁移… / migrating ${url.replace(/\/\/[^@/]*@/, "//…@")}`);
  const applied = await applyMigrations(url, { log });
  log(applied.length ? `已应用 / applied: ${applied.join(", ")}` : "已是最新 / already up to date");
} catch (error) {
  console.error(`[migrate] 失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await embedded?.stop();
}
process.exit(code);
