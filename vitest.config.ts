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
    // The longest waits on work done in the background (chunked-upload.test.ts: a case upload
    // processed three times over) took 6 s alone and 25-30 s+ beside another file on a busy 2-core
    // machine, with PGlite doing every query of both.
    testTimeout: 60_000,
    // Creating a database (a fresh PGlite instance takes ~2-4 s) and seeding it happen in hooks.
    hookTimeout: 120_000,
  },
});
