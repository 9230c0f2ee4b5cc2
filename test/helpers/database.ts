// A fresh, isolated database for one integration test (file or suite):
//
//   const db = await createTestDatabase();        // migrations applied
//   afterAll(() => db.drop());
//   await db.prisma.unit.create({ … });
//
// On PostgreSQL (TEST_DATABASE_URL from `npm test`, or DATABASE_URL): a new
// database <TEST_DB_PREFIX>_<random> on that server, dropped by drop(); npm test
// also drops any left over with its prefix. On pglite-server, which serves a
// single database, and when no URL is set at all (plain `npx vitest`): a new
// embedded PGlite instance in a temporary directory, stopped and deleted by
// drop(). Creating one takes ~0.1 s on PostgreSQL, ~2 s on PGlite.
//
// On PGlite a migrated database is not migrated afresh each time (~2 s): the data directory is
// copied from a template that had the migrations applied, made once per set of migrations (and
// PGlite version) in the system's temp directory. applyMigrations still runs, and finds nothing
// to do. drop() does not close PGlite cleanly (a checkpoint, ~1 s): the directory is deleted.
import { createHash, randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statfsSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";

export interface TestDatabase {
  url: string;
  /** A client on this database (pool of 3); drop() disconnects it. */
  prisma: PrismaClient;
  /** "postgres": a database on a shared server; "pglite": a private embedded server. */
  kind: "postgres" | "pglite";
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply prisma/migrations (default true). */
  migrate?: boolean;
}

const serverKinds = new Map<string, Promise<"postgres" | "pglite">>();

function serverKind(url: string): Promise<"postgres" | "pglite"> {
  let kind = serverKinds.get(url);
  if (!kind) {
    kind = (async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: string }>("SELECT version()");
        return /pglite/i.test(rows[0]?.version ?? "") ? "pglite" : "postgres";
      } finally {
        await client.end();
      }
    })();
    serverKinds.set(url, kind);
  }
  return kind;
}

/**
 * Where a throwaway PGlite data directory goes: a memory file system (/dev/shm) when there is one,
 * else the temp directory. On a disk, copying the ~1,100 files of a data directory in and deleting
 * them again took ~2 s and ~1.5 s; in memory, a tenth of that. Not a small one (a container's
 * default /dev/shm is 64 MB; a database takes ~40 MB and grows with its rows).
 */
const scratchDir = (() => {
  try {
    accessSync("/dev/shm", constants.W_OK);
    const { bavail, bsize } = statfsSync("/dev/shm");
    if (bavail * bsize >= 2 * 1024 ** 3) return "/dev/shm";
    return tmpdir();
  } catch {
    return tmpdir();
  }
})();

/** A PGlite data directory with every migration applied, made once per set of migrations. */
let migratedTemplate: Promise<string> | undefined;
function migratedTemplateDir(): Promise<string> {
  return (migratedTemplate ??= (async () => {
    const pglite = JSON.parse(
      readFileSync(
        fileURLToPath(new URL("../../node_modules/@electric-sql/pglite/package.json", import.meta.url)),
        "utf8",
      ),
    ) as { version: string };
    const key = createHash("sha256")
      .update(
        readMigrations()
          .map((m) => `${m.name} ${m.checksum}`)
          .join("\n"),
      )
      .digest("hex")
      .slice(0, 16);
    const template = path.join(tmpdir(), `dash-test-migrated-${pglite.version}-${key}`);
    if (existsSync(path.join(template, "PG_VERSION"))) return template;
    const staging = mkdtempSync(`${template}.staging-`);
    try {
      const server = await startEmbeddedDatabase({ dataDir: path.join(staging, "data") });
      try {
        await applyMigrations(server.url);
      } finally {
        await server.stop(); // cleanly: this directory is copied from now on
      }
      try {
        renameSync(path.join(staging, "data"), template);
      } catch (error) {
        // Another test file made it meanwhile: use theirs.
        if (!existsSync(path.join(template, "PG_VERSION"))) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    return template;
  })().catch((error: unknown) => {
    migratedTemplate = undefined;
    throw error;
  }));
}

/** The pid of the embedded server on `dataDir`, from its lock file (lib/db/embedded.ts). */
function serverPid(dataDir: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(`${dataDir}.lock`, "utf8")) as { pid?: number }).pid;
  } catch {
    return undefined;
  }
}

function prismaFor(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 3 }) });
}

export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  let url: string;
  let kind: TestDatabase["kind"];
  let release: () => Promise<void>;

  if (serverUrl && (await serverKind(serverUrl)) === "postgres") {
    kind = "postgres";
    const name = `${process.env.TEST_DB_PREFIX ?? "dash_test"}_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    release = async () => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    };
  } else {
    kind = "pglite";
    const template = (options.migrate ?? true) ? await migratedTemplateDir() : undefined;
    const dir = mkdtempSync(path.join(scratchDir, "dash-test-db-"));
    const dataDir = path.join(dir, "data");
    const server = await (async () => {
      if (template) cpSync(template, dataDir, { recursive: true });
      return startEmbeddedDatabase({ dataDir });
    })().catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
    url = server.url;
    release = async () => {
      // Thrown away: no clean shutdown needed. stop() then only sees it gone.
      const pid = serverPid(dataDir);
      if (pid) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {}
      }
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }

  try {
    if (options.migrate ?? true) await applyMigrations(url);
  } catch (error) {
    await release();
    throw error;
  }
  const prisma = prismaFor(url);
  let dropped: Promise<void> | undefined;
  return {
    url,
    prisma,
    kind,
    drop: () =>
      (dropped ??= (async () => {
        await prisma.$disconnect().catch(() => {});
        await release();
      })()),
  };
}

/**
 * A throwaway database with the demo's units and accounts and no months, which DATABASE_URL then
 * names: the setup of the server-action tests, whose modules read the app's own client. The seed
 * is imported late so that it, too, sees that DATABASE_URL.
 */
export async function createSeededTestDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  return db;
}
