// Supervision (issue 20) under load: the department's 预警 page (市公安局) and the official's board,
// as throughput ratios to the bench's fixed ceiling (bench/ceiling.ts, the bare static page served
// in the same run; budget ≥ 0.5 each; /about through the proxy is shown beside it), with a
// month of open cases in DailyCase: 400,000 cases of the current month over the 49 units, 1 in 16
// still open (the city's month at the reference month's size). Also the card computation alone
// (every unit's cards of the month, in SQL; budget ≤ 2 s) and the month's trend.
import { supervisedMonth, supervisionToday } from "@/lib/supervision";
import { ensureCalendarTable } from "@/lib/supervision/cards/calendar-table";
import { computeCards, computeCardTrend } from "@/lib/supervision/cards/card-sql";
import { startCeiling } from "../ceiling";
import { load, median, pageBytes, timed, warm } from "../harness";
import type { BenchSection, Budget, Row } from "../types";

const CONNECTIONS = 32;
const CASES = 400_000;

const section: BenchSection = {
  id: "warnings",
  order: 85,
  async run(ctx) {
    const asOf = supervisionToday();
    const month = supervisedMonth(asOf);
    const days = Number(asOf.slice(8, 10));
    ctx.log(`warnings: ${CASES.toLocaleString("en")} cases of ${month} into DailyCase`);
    await ctx.prisma.$executeRawUnsafe(
      `INSERT INTO "DailyCase" ("caseNo", "month", "unitId", "itemCode", "caseKind", "legalDays", "promisedDays",
         "channel", "isBatch", "appliedAt", "acceptedAt", "completedAt", "elapsedDays", "batchId")
       SELECT 'BENCH-' || g, $1::date, u."id", 'ITEM-' || (g % 40),
         CASE WHEN g % 5 = 0 THEN 'INSTANT'::"CaseKind" ELSE 'PROMISED'::"CaseKind" END,
         20, CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + (g % 10) END, 'ONLINE', false,
         $1::date + ((g % $3::int) || ' days')::interval + interval '9 hours' + ((g % 600) || ' minutes')::interval,
         $1::date + ((g % $3::int) || ' days')::interval + interval '9 hours' + ((g % 600) || ' minutes')::interval,
         CASE WHEN g % 16 = 0 THEN NULL
              ELSE $1::date + ((g % $3::int) || ' days')::interval + interval '16 hours' END,
         NULL, 1
       FROM generate_series(1, $2::int) AS g
       JOIN (SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS n FROM "Unit") u ON u.n = g % 49
       ON CONFLICT ("caseNo") DO NOTHING`,
      `${month}-01`,
      CASES,
      days,
    );
    await ctx.prisma.$executeRawUnsafe(`ANALYZE "DailyCase"`);
    await ensureCalendarTable(ctx.prisma, { force: true });

    const readTimes = async (fn: () => Promise<unknown>) => {
      await fn();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await timed(fn)).ms);
      return median(times);
    };
    const cards = await computeCards(ctx.prisma, { month, asOf, current: true });
    const cardsMs = await readTimes(() => computeCards(ctx.prisma, { month, asOf, current: true }));
    const trendMs = await readTimes(() => computeCardTrend(ctx.prisma, { month, asOf }));

    const gaj = await ctx.signIn("gaj", "gaj-demo-2021");
    const ceilingApp = await startCeiling(ctx.root, ctx.log);
    const targets = [
      { id: "ceiling", label: "ceiling: bare static Next page, no proxy (bench/ceiling-app)", path: "/", cookie: null },
      {
        id: "static",
        label: "static: /about (prerendered, no data, through the proxy)",
        path: "/about",
        cookie: ctx.officialCookie,
      },
      { id: "warnings-gaj", label: "预警 page, 市公安局 (department)", path: "/warnings", cookie: gaj },
      { id: "board", label: "board, every unit (official)", path: "/warnings/board", cookie: ctx.officialCookie },
      { id: "count-gaj", label: "header count, 市公安局", path: "/api/warnings/count", cookie: gaj },
    ];
    const amount = ctx.quick ? 600 : 2000;
    const rows: Row[] = [];
    const rps = new Map<string, number>();
    // The server's own CPU per request (harness.ts processCpuMicros): steadier than requests/s.
    const cpu = new Map<string, number>();
    try {
      for (const target of targets) {
        ctx.log(`warnings: warming ${target.path}`);
        const onCeiling = target.id === "ceiling";
        if (onCeiling) await warm(ceilingApp.baseUrl, target.path, { cookie: null, burst: 100 });
        else await ctx.warm(target.path, { cookie: target.cookie, burst: 100 });
        // What a request costs grows with its bytes (no compression: autocannon asks for none).
        const bytes = await pageBytes((onCeiling ? ceilingApp.baseUrl : ctx.baseUrl) + target.path, target.cookie);
        const options = { amount, connections: CONNECTIONS, cookie: target.cookie };
        // One untimed run at full load first (as in pages.ts): a fresh server's code is not optimised yet.
        if (onCeiling) await load(ceilingApp.baseUrl, target.path, options);
        else await ctx.load(target.path, options);
        const result = onCeiling
          ? await load(ceilingApp.baseUrl, target.path, { ...options, serverPid: ceilingApp.pid })
          : await ctx.load(target.path, options);
        rps.set(target.id, result.requestsPerSecond);
        if (result.serverCpuMicrosPerRequest !== null) cpu.set(target.id, result.serverCpuMicrosPerRequest);
        ctx.log(
          `warnings: ${target.path} ${result.requestsPerSecond.toFixed(0)} req/s, errors ${result.errors}, server CPU ${result.serverCpuMicrosPerRequest?.toFixed(0) ?? "—"} µs/request`,
        );
        rows.push({
          page: target.label,
          rps: result.requestsPerSecond,
          ratio: result.requestsPerSecond / (rps.get("ceiling") ?? result.requestsPerSecond),
          // Beside the budgeted ratio: the cost beyond the permission gate (the static /about through the proxy).
          gated: target.id === "ceiling" || !rps.has("static") ? null : result.requestsPerSecond / rps.get("static")!,
          kB: bytes.raw / 1000,
          p50: result.latencyP50Ms,
          p99: result.latencyP99Ms,
          errors: result.errors,
          cpu: result.serverCpuMicrosPerRequest,
          cpuRatio:
            cpu.has("ceiling") && result.serverCpuMicrosPerRequest
              ? cpu.get("ceiling")! / result.serverCpuMicrosPerRequest
              : null,
        });
      }
    } finally {
      await ceilingApp.stop();
    }
    const ceiling = rps.get("ceiling") ?? 1;
    const ratio = (id: string) => (rps.get(id) ?? 0) / ceiling;
    const budgets: Budget[] = [
      ...["warnings-gaj", "board"].map((id) => ({
        name: `${id} throughput ÷ ceiling's`,
        limit: "≥ 0.50",
        actual: ratio(id).toFixed(2),
        ok: ratio(id) >= 0.5,
      })),
      {
        name: "errors under load (预警 page, board, count)",
        limit: "0",
        actual: String(rows.slice(2).reduce((n, r) => n + Number(r.errors ?? 0), 0)),
        ok: rows.slice(2).every((r) => Number(r.errors ?? 0) === 0),
      },
      {
        name: "every unit's cards of the month, in SQL",
        limit: "≤ 2000 ms",
        actual: `${Math.round(cardsMs)} ms`,
        ok: cardsMs <= 2000,
      },
    ];
    return {
      title: `Supervision: 预警 page and board (${CASES.toLocaleString("en")} cases in ${month}, ${cards.length.toLocaleString("en")} cards), ${CONNECTIONS} connections`,
      columns: [
        { key: "page", label: "page" },
        { key: "rps", label: "req/s", digits: 0 },
        { key: "ratio", label: "÷ ceiling", digits: 2 },
        { key: "gated", label: "÷ /about (gated)", digits: 2 },
        { key: "kB", label: "HTML kB", digits: 1 },
        { key: "p50", label: "p50", unit: "ms", digits: 0 },
        { key: "p99", label: "p99", unit: "ms", digits: 0 },
        { key: "errors", label: "errors" },
        { key: "cpu", label: "server CPU", unit: "µs/request", digits: 0 },
        { key: "cpuRatio", label: "ceiling's CPU ÷ page's", digits: 2 },
      ],
      rows: [
        ...rows,
        {
          page: "read alone: every unit's cards (SQL)",
          rps: null,
          ratio: null,
          gated: null,
          kB: null,
          p50: cardsMs,
          p99: null,
          errors: null,
          cpu: null,
          cpuRatio: null,
        },
        {
          page: "read alone: the month's trend (SQL)",
          rps: null,
          ratio: null,
          gated: null,
          kB: null,
          p50: trendMs,
          p99: null,
          errors: null,
          cpu: null,
          cpuRatio: null,
        },
      ],
      budgets,
      notes: [
        "Without a query, /warnings and /warnings/board are served from Next's page cache, one version per audience and day (docs/supervision-cards.md, \"The cached pages\"); the header count's reads are memoised for 30 s per process (lib/supervision/cards/brief-memo.ts); the reads alone are neither (median of 5 after one run).",
      ],
      details: { month, asOf, cards: cards.length, cardsMs, trendMs },
    };
  },
};

export default section;
