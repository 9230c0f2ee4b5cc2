import { defineConfig } from "vitest/config";
import { testResolve } from "./vitest.config";

// npm run test:cluster (scripts/test-cluster.ts): the tests of the several-instances topology,
// against the cluster that script has brought up (CLUSTER_DIR). One file, its tests in order.
export default defineConfig({
  resolve: testResolve,
  test: {
    environment: "node",
    include: ["test/cluster/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
