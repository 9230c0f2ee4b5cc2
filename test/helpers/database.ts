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
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
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
    const dir = mkdtempSync(path.join(tmpdir(), "dash-test-db-"));
    const server = await startEmbeddedDatabase({ dataDir: path.join(dir, "data") }).catch((error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    });
    url = server.url;
    release = async () => {
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
