// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), loaded
// by hand so that it works offline, with no native engine and no database.
//
// Why by hand: the package's entry (`schema_engine.js`) does
// `import * as wasm from "./schema_engine_bg.wasm"`, which Node only runs with
// --experimental-wasm-modules, and Prisma's own loader looks for the .wasm file
// under @prisma/internals/build/. Here the JS glue (`schema_engine_bg.js`) is
// imported through the package's export map, the .wasm file next to it is
// resolved from that same path, and the module is instantiated with the glue
// as its only import object. No file is copied anywhere.
//
// The engine insists on a driver adapter and, on construction, asks it one
// probe query (schema exists? server version?). For diffs between datamodels
// no database is needed, so `diffSchemas` answers that probe with a fixed reply
// and refuses everything else: it never opens a connection.
//
// Internal Prisma entry point: keep @prisma/schema-engine-wasm and
// @prisma/driver-adapter-utils pinned to the exact versions of prisma.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
type SchemaEngine = import("@prisma/schema-engine-wasm/schema_engine_bg").SchemaEngine;
type DiffTarget = import("@prisma/schema-engine-wasm/schema_engine_bg").DiffTarget;

const require = createRequire(import.meta.url);
let gluePromise: Promise<Glue> | undefined;

/** Loads and starts the wasm module once per process. */
export function loadSchemaEngineWasm(): Promise<Glue> {
  gluePromise ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = gluePath.replace(/\.js$/, ".wasm");
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Glue;
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    const instance = new WebAssembly.Instance(module, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return glue;
  })();
  return gluePromise;
}

const noFilters = { externalTables: [] as string[], externalEnums: [] as string[] };

/** A driver adapter that answers only the engine's start-up probe. */
async function offlineAdapterFactory(): Promise<object> {
  const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = await import("@prisma/driver-adapter-utils");
  const refuse = (what: string) => Promise.reject(new Error(`offline schema engine: no database (${what})`));
  const adapter = {
    provider: "postgres" as const,
    adapterName: "offline-probe",
    queryRaw: async (query: { sql: string }) => {
      if (query.sql.includes("server_version_num")) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
          rows: [[true, "PostgreSQL 15 (offline, no connection)", 150000]],
        };
      }
      return refuse(query.sql.slice(0, 80));
    },
    executeRaw: (query: { sql: string }) => refuse(query.sql.slice(0, 80)),
    executeScript: () => refuse("executeScript"),
    startTransaction: () => refuse("startTransaction"),
    dispose: async () => {},
  };
  const factory = {
    provider: "postgres" as const,
    adapterName: "offline-probe",
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
  // The adapter above is a structural stand-in; the engine only calls the probe.
  return bindMigrationAwareSqlAdapterFactory(
    factory as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0],
  );
}

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * SQL that takes a database from `from` to `to`, as `prisma migrate diff --script`
 * would print it. `from: null` is the empty database. Returns "" when there is
 * nothing to do.
 */
export async function diffSchemas(from: SchemaFile[] | null, to: SchemaFile[]): Promise<string> {
  const glue = await loadSchemaEngineWasm();
  const datamodels = to.map((f): [string, string] => [f.path, f.content]);
  const engine: SchemaEngine = await glue.SchemaEngine.new({ datamodels }, () => {}, await offlineAdapterFactory());
  try {
    const fromTarget: DiffTarget = from ? { tag: "schemaDatamodel", files: from } : { tag: "empty" };
    const result = await engine.diff({
      from: fromTarget,
      to: { tag: "schemaDatamodel", files: to },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const script = result.stdout ?? "";
    return /^\s*-- This is an empty migration\.\s*$/.test(script) ? "" : script;
  } finally {
    engine.free();
  }
}

/**
 * What Prisma's own engine says about a database's migration history, and
 * what its `applyMigrations` (the heart of `prisma migrate deploy`) would
 * apply. Used by the tests to prove lib/db/migrate.ts writes a history Prisma
 * accepts. Connects with @prisma/adapter-pg.
 */
export async function prismaMigrateDeploy(
  databaseUrl: string,
  migrationsDir: string,
  migrations: { name: string; sql: string }[],
): Promise<{
  appliedMigrationNames: string[];
  history: unknown;
  failedMigrationNames: string[];
  editedMigrationNames: string[];
}> {
  const glue = await loadSchemaEngineWasm();
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // The engine never disposes its connections (the CLI relies on process
  // exit), and its session keeps Prisma's advisory lock: close them ourselves.
  const pgFactory = new PrismaPg({ connectionString: databaseUrl });
  const opened: { dispose(): Promise<void> }[] = [];
  const tracking = {
    provider: pgFactory.provider,
    adapterName: pgFactory.adapterName,
    connect: async () => {
      const adapter = await pgFactory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await pgFactory.connectToShadowDb();
      opened.push(adapter);
      return adapter;
    },
  };
  const factory = bindMigrationAwareSqlAdapterFactory(
    tracking as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0],
  );
  const engine: SchemaEngine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
  const migrationsList = {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: 'provider = "postgresql"\n' },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
    })),
  };
  try {
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilters,
    });
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return {
      appliedMigrationNames,
      history: diagnosis.history,
      failedMigrationNames: diagnosis.failedMigrationNames,
      editedMigrationNames: diagnosis.editedMigrationNames,
    };
  } finally {
    engine.free();
    for (const adapter of opened) await adapter.dispose().catch(() => {});
  }
}
