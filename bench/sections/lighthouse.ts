// Lighthouse (12.2.3, pinned: 13 needs Node 22) in Debian's Chromium, headless,
// signed in through the Cookie header: the performance score of the home page
// (median of 3 runs; 1 with --quick) and of the other measured pages (1 run).
// Lighthouse's default settings: a mobile device with simulated slow-4G and 4×
// CPU throttling. The score is computed from the simulated metrics, so the
// machine's load moves it less than it moves the load test, but it still moves.
import lighthouse, { type Flags, type Result } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { median } from "../harness";
import type { BenchSection, Row } from "../types";

const SCORE_BUDGET = 90;
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const metric = (lhr: Result, id: string) => lhr.audits[id]?.numericValue ?? null;

const section: BenchSection = {
  id: "lighthouse",
  order: 30,
  async run(ctx) {
    const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
    const pages = [
      { id: "home", label: "home: 全市总体情况", path: `/${ctx.month}`, runs: ctx.quick ? 1 : 3 },
      ...(ctx.quick
        ? []
        : [
            { id: "municipal", label: "市本级 + 附件1", path: `/${ctx.month}/municipal`, runs: 1 },
            { id: "unit", label: "unit: 市公安局", path: `/${ctx.month}/units/d08`, runs: 1 },
            { id: "static", label: "static: 关于本系统", path: "/about", runs: 1 },
          ]),
    ];
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
    const rows: Row[] = [];
    const scores = new Map<string, number>();
    try {
      for (const page of pages) {
        await ctx.warm(page.path, { burst: 0 });
        const results: Result[] = [];
        for (let i = 0; i < page.runs; i++) {
          const flags: Flags = {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance"],
            extraHeaders: { Cookie: ctx.officialCookie },
          };
          const runner = await lighthouse(ctx.baseUrl + page.path, flags);
          if (!runner) throw new Error(`lighthouse returned nothing for ${page.path}`);
          const lhr = runner.lhr;
          if (lhr.runtimeError) throw new Error(`lighthouse ${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          if (lhr.finalDisplayedUrl !== ctx.baseUrl + page.path) throw new Error(`lighthouse ${page.path} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
          results.push(lhr);
          ctx.log(`lighthouse ${page.path} run ${i + 1}/${page.runs}: ${Math.round((lhr.categories.performance?.score ?? 0) * 100)}`);
        }
        const target = median(results.map((r) => r.categories.performance?.score ?? 0));
        const lhr = results.find((r) => (r.categories.performance?.score ?? 0) === target) ?? results[0]!;
        const score = Math.round((lhr.categories.performance?.score ?? 0) * 100);
        scores.set(page.id, score);
        rows.push({
          page: page.label,
          runs: page.runs,
          score,
          fcp: metric(lhr, "first-contentful-paint"),
          lcp: metric(lhr, "largest-contentful-paint"),
          tbt: metric(lhr, "total-blocking-time"),
          cls: metric(lhr, "cumulative-layout-shift"),
          si: metric(lhr, "speed-index"),
          benchmarkIndex: lhr.environment.benchmarkIndex,
        });
      }
    } finally {
      await chrome.kill();
    }
    const home = scores.get("home") ?? 0;
    return {
      title: "Lighthouse performance (mobile, simulated throttling; Debian's Chromium, headless)",
      columns: [
        { key: "page", label: "page" },
        { key: "runs", label: "runs" },
        { key: "score", label: "score" },
        { key: "fcp", label: "FCP", unit: "ms", digits: 0 },
        { key: "lcp", label: "LCP", unit: "ms", digits: 0 },
        { key: "tbt", label: "TBT", unit: "ms", digits: 0 },
        { key: "cls", label: "CLS", digits: 3 },
        { key: "si", label: "Speed Index", unit: "ms", digits: 0 },
        { key: "benchmarkIndex", label: "machine's benchmarkIndex", digits: 0 },
      ],
      rows,
      budgets: [{ name: "Lighthouse performance, home", limit: `≥ ${SCORE_BUDGET}`, actual: String(home), ok: home >= SCORE_BUDGET }],
      notes: [
        "lighthouse 12.2.3 with its default (mobile) settings, signed in via the Cookie header; the median run of each page shown. " +
          "The 4× CPU slowdown is applied to the work observed on this machine, so the same page scores lower on a busy machine: compare runs by their benchmarkIndex (Lighthouse's measure of the machine's speed at the time).",
      ],
    };
  },
};

export default section;
