// `npm test` must stop in seconds, naming the one command to run, when the browser tests cannot
// run — not after minutes of unit tests and a build (a browser that is not there, here).
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

test("npm test stops at once, with the install command, when Chromium is missing", () => {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/test.ts"], {
    encoding: "utf8",
    env: { ...process.env, CHROMIUM_PATH: "/nonexistent/chromium", DATABASE_URL: "" },
    timeout: 60_000,
  });
  const output = result.stdout + result.stderr;
  expect(output).toContain("Chromium (/nonexistent/chromium)");
  expect(output).toContain("apt-get install -y --no-install-recommends chromium fonts-noto-cjk");
  expect(output).toContain("✗ 浏览器 / browser");
  expect(output).not.toContain("vitest");
  expect(result.status).toBe(1);
  expect(Date.now() - started).toBeLessThan(30_000);
});
