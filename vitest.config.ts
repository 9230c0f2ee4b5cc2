import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Unit tests sit beside the code (lib/**/x.test.ts); integration tests use
// test/helpers/database.ts. `npm test` provides TEST_DATABASE_URL.
/** The project's import aliases, shared with vitest.cluster.config.ts. */
export const testResolve = {
  alias: [
    { find: /^@\//, replacement: `${root}/` },
    // Server-only modules (lib/db, the capabilities' reads) are plain Node code in tests.
    // next/root-params exists only inside Next's compiled routes (lib/i18n/page-locale.ts).
    { find: /^next\/root-params$/, replacement: `${root}/test/helpers/root-params-stand-in.ts` },
    {
      find: /^server-only$/,
      replacement: fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  ],
};

export default defineConfig({
  resolve: testResolve,
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    // test/cluster needs the several-instances topology: npm run test:cluster.
    exclude: ["e2e/**", "node_modules/**", ".next/**", ".data/**", "lib/generated/**", "test/cluster/**"],
    // Two test files at a time: each has databases of its own (test/helpers/database.ts: a database
    // of its own on the PostgreSQL server, or a PGlite server of its own), so they do not meet.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    // Creating a database (a fresh PGlite instance takes ~8 s) happens in hooks.
    hookTimeout: 120_000,
  },
});
