import { defineConfig } from "@playwright/test";

// Run by `npm test` (scripts/test.ts), which builds the app, starts it on a
// free port and sets E2E_BASE_URL. By hand: start the app, then
// `E2E_BASE_URL=http://127.0.0.1:3000 npx playwright test`.
// The browser is Debian's chromium (apt-get install chromium); Playwright's
// own download does not work offline.
export default defineConfig({
  testDir: "e2e",
  workers: 2,
  reporter: "list",
  // One retry in CI. Not for stale pages any more: a render that began before a publish or a text
  // save and stored its page after it is fixed in the cache handlers (entries are dated by their
  // oldest read: lib/cache/cache-tags.ts, lib/cache/). It stays for timing checks on a busy
  // machine, e.g. upload.spec's progress bar, which a small file can pass through too quickly to
  // be seen (failed so in a full run on 30 Nov 2026, unrelated to the cache).
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // A cold server renders each month page once before caching it: allow for that on a busy 2-core machine.
  expect: { timeout: 15_000 },
  outputDir: "test-results/output",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000",
    browserName: "chromium",
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Sign-ins (auth.setup.ts) and the data several specs read (reconciliation-month.setup.ts).
    { name: "setup", testMatch: /\.setup\.ts$/ },
    // Specs run signed in as the official unless they choose another account.
    {
      name: "chromium",
      dependencies: ["setup"],
      testIgnore: /(next-month|rectification)\.spec\.ts$/,
      // The 整改 screenshots (screenshots.spec.ts) need the loop rectification.spec.ts runs.
      grepInvert: /@after-rectification/,
      use: { storageState: "test-results/.auth/official.json" },
    },
    // Adds the month after the newest, which changes the newest month for every other spec:
    // it runs after all of them (a project depending on theirs).
    {
      name: "next-month",
      dependencies: ["chromium"],
      testMatch: /next-month\.spec\.ts$/,
      use: { storageState: "test-results/.auth/official.json" },
    },
    // 整改 (issue 21): issues 2021-06 (frozen from then on, where bulletin.spec reads it as a draft) and
    // reads the 2021-07 draft of the month next-month.spec adds: after both. Not cheaper on its own:
    // issuing 2021-06 must follow every spec that reads it as a draft, and 2021-07 may exist only
    // once nothing else needs 2021-06 to be the newest month, so it would follow the whole suite
    // anyway. (To run it alone against a server of one's own: --project=setup, then
    // --project=next-month --no-deps, then --project=rectification --no-deps: docs/testing.md.)
    {
      name: "rectification",
      dependencies: ["next-month"],
      testMatch: /rectification\.spec\.ts$/,
      use: { storageState: "test-results/.auth/official.json" },
    },
    // The 整改 board and task screenshots for the README (SCREENSHOTS=1 only), on the loop's tasks.
    {
      name: "rectification-screenshots",
      dependencies: ["rectification"],
      testMatch: /screenshots\.spec\.ts$/,
      grep: /@after-rectification/,
      use: { storageState: "test-results/.auth/official.json" },
    },
    // What would disturb the others (blocking 127.0.0.1's sign-ins) runs after them all.
    {
      name: "last",
      testMatch: /\.last\.ts$/,
      dependencies: ["chromium", "next-month", "rectification", "rectification-screenshots"],
    },
  ],
});
