// First-load JavaScript per page, from the build's manifests: the root main
// files every page loads (build-manifest.json rootMainFiles) plus the client
// chunks of the page's entries (its layouts, page and boundaries, from
// server/app/<route>/page_client-reference-manifest.js), each gzipped (level
// 6, what a server sends). Polyfills (nomodule) are left out: modern browsers
// do not load them. Chunks loaded later (the lazy charts) are not first load.
// For the measured pages the same figure is also taken from the served HTML
// (its <script src> tags) as a check on the manifests' reading.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import type { BenchSection, Budget, Row } from "../types";

const HOME_BUDGET_KB = 250;

type ClientReferenceManifest = { entryJSFiles?: Record<string, string[]>; entryCSSFiles?: Record<string, Array<{ path: string }>> };

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

const section: BenchSection = {
  id: "size",
  order: 60,
  async run(ctx) {
    const distDir = path.join(ctx.root, ctx.distDir);
    const buildManifest = JSON.parse(readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
    const appPaths = JSON.parse(readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
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
      const manifest = readClientManifest(path.join(distDir, "server/app", `${entry}_client-reference-manifest.js`), entry);
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
          [...text.matchAll(/<script[^>]*\ssrc="\/_next\/([^"?]+)(?:\?[^"]*)?"[^>]*>/g)].filter((m) => !/\snoModule/i.test(m[0])).map((m) => m[1]!),
        );
        html = gzipKB(scripts, distDir).gzip;
      }
      rows.push({ route, files: jsSize.count, raw: jsSize.raw, gzip: jsSize.gzip, html, css: cssSize.gzip });
    }

    const home = firstLoad.get("/[month]");
    const budgets: Budget[] = [
      {
        name: "first-load JS, home (gzipped)",
        limit: `< ${HOME_BUDGET_KB} kB`,
        actual: home === undefined ? "not found" : `${home.toFixed(1)} kB`,
        ok: home !== undefined && home < HOME_BUDGET_KB,
      },
    ];
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
      ],
    };
  },
};

export default section;
