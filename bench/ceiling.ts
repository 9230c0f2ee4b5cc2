// The bench's fixed ceiling (issue 23): a bare static Next page holding the 49 × 20 figures table,
// no proxy, built from bench/ceiling-app and served in the same run. Sections measure their pages'
// throughput as a ratio to it (pages.ts, warnings.ts).
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, runTool, startTool, stopTool, waitForHttp } from "../scripts/process-utils";

/**
 * Builds bench/ceiling-app (a bare Next app, no proxy) in a directory of its own
 * (inside the repository Next would take this project's proxy.ts with it) and
 * serves it; returns its URL and a stop function.
 */
export async function startCeiling(
  root: string,
  log: (m: string) => void,
): Promise<{ baseUrl: string; pid: number | undefined; stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-ceiling-"));
  cpSync(path.join(root, "bench/ceiling-app"), dir, { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  // The workspace root must hold both the app and the (linked) node_modules.
  writeFileSync(path.join(dir, "next.config.mjs"), `export default { turbopack: { root: "/" } };\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR;
  log(`building the ceiling page (bench/ceiling-app, in ${dir})`);
  const code = await runTool("next build (ceiling)", "next", ["build", dir], env);
  if (code !== 0) throw new Error(`next build of the ceiling app failed (exit ${code})`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = startTool("next start (ceiling)", "next", ["start", dir, "-p", String(port), "-H", "127.0.0.1"], env);
  await waitForHttp(`${baseUrl}/`, server);
  return {
    baseUrl,
    pid: server.child.pid,
    stop: async () => {
      await stopTool(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
