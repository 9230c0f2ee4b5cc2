// Lighthouse (12.2.3, pinned: 13 needs Node 22) in Debian's Chromium, headless,
// signed in through the Cookie header: the performance, accessibility and best-practices
// scores of every reader's page (`npm run lighthouse` runs this section alone) (the home page's median of 3 runs, 1 with --quick; the
// others once). Lighthouse's default settings: a mobile device with simulated
// slow-4G and 4× CPU throttling. The score is computed from the simulated
// metrics, so the machine's load moves it less than it moves the load test, but
// it still moves. Skipped, with a message, when lighthouse is not installed
// (it is a devDependency; a production install leaves it out).
import type { Flags, Result } from "lighthouse";
import { median } from "../harness";
import type { BenchSection, Budget, Row } from "../types";

/** Every dashboard page, 市本级 included (issue 12). */
const SCORE_BUDGET = 95;
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
const score = (lhr: Result, category: "performance" | "accessibility" | "best-practices") =>
  Math.round((lhr.categories[category]?.score ?? 0) * 100);

async function loadLighthouse() {
  try {
    const [{ default: lighthouse }, chromeLauncher] = await Promise.all([
      import("lighthouse"),
      import("chrome-launcher"),
    ]);
    return { lighthouse, chromeLauncher };
  } catch {
    return null;
  }
}

const section: BenchSection = {
  id: "lighthouse",
  order: 30,
  async run(ctx) {
    const tools = await loadLighthouse();
    if (!tools) {
      ctx.log(
        "lighthouse skipped: the lighthouse and chrome-launcher packages are not installed (npm i -D lighthouse@12.2.3 chrome-launcher)",
      );
      return {
        title: "Lighthouse: skipped (not installed)",
        columns: [],
        rows: [],
        notes: ["lighthouse is not installed: npm i -D lighthouse@12.2.3 chrome-launcher"],
      };
    }
    const { lighthouse, chromeLauncher } = tools;
    const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
    const m = ctx.month;
    const pages = [
      { id: "home", label: "home: 全市总体情况", path: `/${m}`, runs: ctx.quick ? 1 : 3 },
      { id: "municipal", label: "市本级 + 附件1", path: `/${m}/municipal`, runs: 1 },
      { id: "districts", label: "县（市、区）+ 附件2", path: `/${m}/districts`, runs: 1 },
      { id: "unit", label: "unit: 市公安局", path: `/${m}/units/d08`, runs: 1 },
      { id: "evaluations", label: "好差评", path: `/${m}/evaluations`, runs: 1 },
      { id: "timeliness", label: "办件超时", path: `/${m}/timeliness`, runs: 1 },
      { id: "problems", label: "存在的问题", path: `/${m}/problems`, runs: 1 },
      { id: "bulletin", label: "bulletin: 通报", path: `/reports/${m}`, runs: 1 },
      { id: "static", label: "static: 关于本系统", path: "/about", runs: 1 },
    ];
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: "silent" });
    const rows: Row[] = [];
    const budgets: Budget[] = [];
    try {
      for (const page of pages) {
        await ctx.warm(page.path, { burst: 0 });
        const results: Result[] = [];
        for (let i = 0; i < page.runs; i++) {
          const flags: Flags = {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility", "best-practices"],
            extraHeaders: { Cookie: ctx.officialCookie },
          };
          const runner = await lighthouse(ctx.baseUrl + page.path, flags);
          if (!runner) throw new Error(`lighthouse returned nothing for ${page.path}`);
          const lhr = runner.lhr;
          if (lhr.runtimeError)
            throw new Error(`lighthouse ${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          if (lhr.finalDisplayedUrl !== ctx.baseUrl + page.path)
            throw new Error(`lighthouse ${page.path} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
          results.push(lhr);
          ctx.log(
            `lighthouse ${page.path} run ${i + 1}/${page.runs}: performance ${score(lhr, "performance")}, accessibility ${score(lhr, "accessibility")}, best practices ${score(lhr, "best-practices")}`,
          );
        }
        const target = median(results.map((r) => score(r, "performance")));
        const lhr = results.find((r) => score(r, "performance") === target) ?? results[0]!;
        const performance = score(lhr, "performance");
        const accessibility = score(lhr, "accessibility");
        const bestPractices = score(lhr, "best-practices");
        const failed = Object.values(lhr.audits)
          .filter(
            (a) =>
              a.score === 0 && lhr.categories.accessibility?.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0),
          )
          .map((a) => a.id);
        rows.push({
          page: page.label,
          path: page.path,
          runs: page.runs,
          score: performance,
          accessibility,
          bestPractices,
          fcp: metric(lhr, "first-contentful-paint"),
          lcp: metric(lhr, "largest-contentful-paint"),
          tbt: metric(lhr, "total-blocking-time"),
          cls: metric(lhr, "cumulative-layout-shift"),
          si: metric(lhr, "speed-index"),
          benchmarkIndex: lhr.environment.benchmarkIndex,
          a11yFailed: failed.join(" ") || null,
        });
        if (page.id !== "static") {
          budgets.push({
            name: `Lighthouse performance, ${page.label}`,
            limit: `≥ ${SCORE_BUDGET}`,
            actual: String(performance),
            ok: performance >= SCORE_BUDGET,
          });
        }
      }
    } finally {
      await chrome.kill();
    }
    return {
      title:
        "Lighthouse performance, accessibility and best practices (mobile, simulated throttling; Debian's Chromium, headless)",
      columns: [
        { key: "page", label: "page" },
        { key: "runs", label: "runs" },
        { key: "score", label: "performance" },
        { key: "accessibility", label: "accessibility" },
        { key: "bestPractices", label: "best practices" },
        { key: "fcp", label: "FCP", unit: "ms", digits: 0 },
        { key: "lcp", label: "LCP", unit: "ms", digits: 0 },
        { key: "tbt", label: "TBT", unit: "ms", digits: 0 },
        { key: "cls", label: "CLS", digits: 3 },
        { key: "si", label: "Speed Index", unit: "ms", digits: 0 },
        { key: "benchmarkIndex", label: "machine's benchmarkIndex", digits: 0 },
        { key: "a11yFailed", label: "accessibility audits failed" },
      ],
      rows,
      budgets,
      notes: [
        "lighthouse 12.2.3 with its default (mobile) settings, signed in via the Cookie header; the median run of each page shown. " +
          "The 4× CPU slowdown is applied to the work observed on this machine, so the same page scores lower on a busy machine: compare runs by their benchmarkIndex (Lighthouse's measure of the machine's speed at the time).",
      ],
    };
  },
};

export default section;
