// First-load JavaScript per page, from the build's manifests: the root main
// files every page loads (build-manifest.json rootMainFiles) plus the client
// chunks of the page's entries (its layouts, page and boundaries, from
// server/app/<route>/page_client-reference-manifest.js), each gzipped (level
// 6, what a server sends). Polyfills (nomodule) are left out: modern browsers
// do not load them. Chunks loaded later (the lazy charts) are not first load.
// For the measured pages the same figure is also taken from the served HTML
// (its <script src> tags) as a check on the manifests' reading.
//
// Then the honest figure: each page loaded in Debian's Chromium (signed in, a
// desktop viewport), every script the browser fetched until the network is idle,
// each gzipped at level 6 — what a reader's browser actually downloads on a first
// visit: the scripts the HTML names (first load; budget ≤ 160 kB on every page,
// issue 12) and, reported beside them, what the page fetched afterwards (charts
// that came near the viewport, lazy islands).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import type { BenchContext, BenchSection, Budget, Row } from "../types";

const BUDGET_KB = 160;

type ClientReferenceManifest = {
  entryJSFiles?: Record<string, string[]>;
  entryCSSFiles?: Record<string, Array<{ path: string }>>;
};

function gzipKB(files: Iterable<string>, distDir: string): { raw: number; gzip: number; count: number } {
  let raw = 0;
  let gzip = 0;
  let count = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(distDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 6 }).length;
    count++;
  }
  return { raw: raw / 1024, gzip: gzip / 1024, count };
}

function readClientManifest(file: string, route: string): ClientReferenceManifest | null {
  if (!existsSync(file)) return null;
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  return sandbox.globalThis.__RSC_MANIFEST?.[route] ?? null;
}

/** The pages a browser loads, signed in as whom (admin pages as the admin). */
function browserPages(month: string): Array<{ path: string; as: "official" | "admin" | "none" }> {
  return [
    { path: `/${month}`, as: "official" },
    { path: `/${month}/municipal`, as: "official" },
    { path: `/${month}/districts`, as: "official" },
    { path: `/${month}/units/d08`, as: "official" },
    { path: `/${month}/evaluations`, as: "official" },
    { path: `/${month}/timeliness`, as: "official" },
    { path: `/${month}/problems`, as: "official" },
    { path: `/reports/${month}`, as: "official" },
    { path: "/about", as: "official" },
    { path: "/account/password", as: "official" },
    { path: "/signin", as: "none" },
    { path: "/admin/months", as: "admin" },
    { path: "/admin/uploads", as: "admin" },
    { path: `/admin/months/${month}`, as: "admin" },
    { path: `/admin/reports/${month}`, as: "admin" },
    { path: "/admin/settings", as: "admin" },
    { path: "/admin/users", as: "admin" },
  ];
}

/** Every script each page's first load fetches in Chromium, gzipped; null when Chromium cannot be started. */
async function measureInBrowser(ctx: BenchContext): Promise<Row[] | null> {
  let chromium: typeof import("@playwright/test").chromium;
  try {
    ({ chromium } = await import("@playwright/test"));
  } catch {
    ctx.log("size: @playwright/test is not installed, the in-browser measurement is skipped");
    return null;
  }
  const browser = await chromium
    .launch({
      executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    })
    .catch((error: unknown) => {
      ctx.log(
        `size: Chromium did not start (${error instanceof Error ? error.message : String(error)}), the in-browser measurement is skipped`,
      );
      return null;
    });
  if (!browser) return null;
  const rows: Row[] = [];
  try {
    for (const page of browserPages(ctx.month)) {
      const cookie = page.as === "official" ? ctx.officialCookie : page.as === "admin" ? ctx.adminCookie : null;
      // A page that does not answer 200 is still measured as loaded (its row shows the status).
      await ctx
        .warm(page.path, { cookie, burst: 0 })
        .catch((error: unknown) => ctx.log(`size: ${error instanceof Error ? error.message : String(error)}`));
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        extraHTTPHeaders: cookie ? { cookie } : {},
      });
      const tab = await context.newPage();
      const scripts: Array<Promise<{ url: string; raw: number; gzip: number }>> = [];
      tab.on("response", (response) => {
        if (response.request().resourceType() !== "script") return;
        scripts.push(
          response.body().then(
            (body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body, { level: 6 }).length }),
            () => ({ url: response.url(), raw: 0, gzip: 0 }),
          ),
        );
      });
      const response = await tab.goto(ctx.baseUrl + page.path, { waitUntil: "networkidle" });
      const html = response ? await response.text().catch(() => "") : "";
      const finalPath = new URL(tab.url()).pathname;
      const loaded = await Promise.all(scripts);
      await context.close();
      const unique = [...new Map(loaded.map((s) => [s.url, s])).values()];
      // First load: the scripts the HTML names (its <script src> and preloads); later: what the page
      // fetched itself after hydration (the charts near the viewport, lazy islands).
      const named = (url: string) => html.includes(new URL(url).pathname);
      const sum = (list: typeof unique, key: "raw" | "gzip") => list.reduce((total, s) => total + s[key], 0) / 1024;
      const initial = unique.filter((s) => named(s.url));
      const later = unique.filter((s) => !named(s.url));
      rows.push({
        page: page.path,
        as: page.as,
        status: response?.status() ?? null,
        landed: finalPath === page.path ? null : finalPath,
        scripts: initial.length,
        raw: sum(initial, "raw"),
        gzip: sum(initial, "gzip"),
        laterScripts: later.length,
        laterGzip: sum(later, "gzip"),
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

const section: BenchSection = {
  id: "size",
  order: 60,
  async run(ctx) {
    const distDir = path.join(ctx.root, ctx.distDir);
    const buildManifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as {
      rootMainFiles: string[];
    };
    const appPaths = JSON.parse(readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8")) as Record<
      string,
      string
    >;
    const measured: Record<string, string> = {
      "/[month]": `/${ctx.month}`,
      "/[month]/municipal": `/${ctx.month}/municipal`,
      "/[month]/units/[code]": `/${ctx.month}/units/d08`,
      "/about": "/about",
    };

    const rows: Row[] = [];
    const firstLoad = new Map<string, number>();
    for (const [entry, route] of Object.entries(appPaths).sort(([, a], [, b]) => a.localeCompare(b))) {
      if (!entry.endsWith("/page")) continue; // route handlers ship no client JS
      const manifest = readClientManifest(
        path.join(distDir, "server/app", `${entry}_client-reference-manifest.js`),
        entry,
      );
      if (!manifest) continue;
      const js = new Set(buildManifest.rootMainFiles);
      for (const files of Object.values(manifest.entryJSFiles ?? {})) for (const f of files) js.add(f);
      const css = new Set<string>();
      for (const files of Object.values(manifest.entryCSSFiles ?? {})) for (const f of files) css.add(f.path);
      const jsSize = gzipKB(js, distDir);
      const cssSize = gzipKB(css, distDir);
      firstLoad.set(route, jsSize.gzip);

      let html: number | null = null;
      const url = measured[route];
      if (url) {
        const response = await fetch(ctx.baseUrl + url, { headers: { cookie: ctx.officialCookie } });
        const text = await response.text();
        const scripts = new Set(
          [...text.matchAll(/<script[^>]*\ssrc="\/_next\/([^"?]+)(?:\?[^"]*)?"[^>]*>/g)]
            .filter((m) => !/\snoModule/i.test(m[0]))
            .map((m) => m[1]!),
        );
        html = gzipKB(scripts, distDir).gzip;
      }
      rows.push({ route, files: jsSize.count, raw: jsSize.raw, gzip: jsSize.gzip, html, css: cssSize.gzip });
    }

    const budgets: Budget[] = [];
    const overManifest = rows
      .filter((row) => typeof row.gzip === "number" && row.gzip > BUDGET_KB)
      .map((row) => `${row.route} ${(row.gzip as number).toFixed(1)} kB`);
    const largestManifest = Math.max(...[...firstLoad.values()]);
    budgets.push({
      name: "first-load JS of every page, from the manifests (gzipped)",
      limit: `≤ ${BUDGET_KB} kB`,
      actual: overManifest.length ? overManifest.join("; ") : `largest ${largestManifest.toFixed(1)} kB`,
      ok: overManifest.length === 0,
    });

    const browserRows = await measureInBrowser(ctx);
    if (browserRows) {
      const over = browserRows
        .filter((row) => (row.gzip as number) > BUDGET_KB)
        .map((row) => `${row.page} ${(row.gzip as number).toFixed(1)} kB`);
      const largest = Math.max(...browserRows.map((row) => row.gzip as number));
      budgets.push({
        name: "first-load JS of every page, in Chromium (the HTML's scripts, gzipped)",
        limit: `≤ ${BUDGET_KB} kB`,
        actual: over.length ? over.join("; ") : `largest ${largest.toFixed(1)} kB`,
        ok: over.length === 0,
      });
    }
    return {
      title: "First-load JavaScript per page (from the build's manifests)",
      columns: [
        { key: "route", label: "route" },
        { key: "files", label: "JS files" },
        { key: "raw", label: "JS", unit: "kB", digits: 1 },
        { key: "gzip", label: "JS gzipped", unit: "kB", digits: 1 },
        { key: "html", label: "check: <script> in served HTML, gzipped", unit: "kB", digits: 1 },
        { key: "css", label: "CSS gzipped", unit: "kB", digits: 1 },
      ],
      rows,
      budgets,
      notes: [
        "JS: rootMainFiles + the page's entry chunks, gzip level 6; polyfills (nomodule) and lazily loaded chunks (the charts) excluded. kB = 1,024 bytes.",
        ...(browserRows
          ? [
              "In Chromium (1280×800, signed in; the page loaded until the network was idle; every script response, gzip level 6; first load = the scripts the HTML names):",
              ...browserRows.map(
                (row) =>
                  `  ${row.page} (${row.as})${row.landed ? ` → ${row.landed}` : ""}: first load ${row.scripts} scripts, ${(row.raw as number).toFixed(1)} kB, gzipped ${(row.gzip as number).toFixed(1)} kB; ` +
                  `then ${row.laterScripts} more (charts in view, lazy islands), gzipped ${(row.laterGzip as number).toFixed(1)} kB`,
              ),
            ]
          : ["In Chromium: skipped (Chromium or @playwright/test not available)."]),
      ],
      details: { browser: browserRows },
    };
  },
};

export default section;
