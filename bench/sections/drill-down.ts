// The drill-down from case records under load (issue 13): with N generated months of case
// records loaded (each the 2021-06 month's 1,281,854 cases, of which 1,048,053 applications,
// dated into its own month: lib/case-records/import/reference-generator.ts), imported through the real
// pipeline (stageCaseImport + publishCaseImport), 32 connections:
//   - a unit's items page (the unit with the most evaluations, and 市公安局);
//   - an item's case list, page 1 of the largest item (45,659 cases), and a walk through its
//     distinct pages (/1…/P, each page asked for the first time: the uncached read);
// and the reads alone, uncached, on the bench's client (plans: docs/drill-down.md).
// Runs last: it replaces the current version of the N months before and including 2021-06 with
// their case-record versions, which would change what the other sections measure.
// BENCH_CASE_MONTHS sets N (default 12, the 12.6 M cases; 2 with --quick).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { addMonths } from "@/lib/calendar/month";
import { loadItemCases, loadOverdueCases, loadUnitItems } from "@/lib/case-records/drill-down/case-drill-down";
import { publishCaseImport } from "@/lib/case-records/import/publish-import";
import { generateMonthRecords } from "@/lib/case-records/import/reference-generator";
import { stageCaseImport } from "@/lib/case-records/import/stage-import";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import { median, timed } from "../harness";
import type { BenchSection, Budget, LoadResult, Row } from "../types";

const CONNECTIONS = 32;
const P99_BUDGET_MS = 100;

const section: BenchSection = {
  id: "drilldown",
  order: 90,
  async run(ctx) {
    const monthCount = Number(process.env.BENCH_CASE_MONTHS ?? (ctx.quick ? 2 : 12));
    const months = Array.from({ length: monthCount }, (_, i) => addMonths(ctx.month, -i)).reverse();
    const importSeconds: number[] = [];
    let caseRows = 0;
    const importIds = new Map<string, number>();
    for (const month of months) {
      const dir = mkdtempSync(path.join(tmpdir(), "bench-drilldown-"));
      try {
        ctx.log(`drill-down: generating and importing ${month} (${importIds.size + 1}/${monthCount})`);
        const generated = await generateMonthRecords({ outDir: dir, units: referenceMonth.rows, month });
        const { ms } = await timed(async () => {
          const staged = await stageCaseImport({
            databaseUrl: ctx.databaseUrl,
            month,
            files: [generated.cases, generated.evaluations, generated.catalogue].map((p) => ({
              path: p,
              name: path.basename(p),
            })),
          });
          if (!staged.ok) throw new Error(`drill-down: the import of ${month} was refused`);
          await publishCaseImport(ctx.prisma, staged.importId);
          importIds.set(month, staged.importId);
        });
        importSeconds.push(ms / 1000);
        caseRows += generated.caseRows;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const month = ctx.month;
    const ref = { importId: importIds.get(month)!, month };
    const monthStart = `${month}-01`;
    // The largest item of the month and the unit with the most evaluations.
    const [largest] = await ctx.prisma.$queryRawUnsafe<
      Array<{ unitId: number; code: string; itemCode: string; n: number }>
    >(
      `SELECT c."unitId", u."code", c."itemCode", count(*)::int AS "n" FROM "Case" c JOIN "Unit" u ON u."id" = c."unitId"
       WHERE c."month" = $1::date AND c."importId" = $2 GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 1`,
      monthStart,
      ref.importId,
    );
    const [mostEvaluated] = await ctx.prisma.$queryRawUnsafe<Array<{ unitId: number; code: string; n: number }>>(
      `SELECT "unitId", u."code", count(*)::int AS "n" FROM "Evaluation" e JOIN "Unit" u ON u."id" = e."unitId"
       WHERE e."month" = $1::date AND e."importId" = $2 GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
      monthStart,
      ref.importId,
    );
    const police = await ctx.prisma.unit.findUniqueOrThrow({ where: { code: "d08" } });
    const pages = Math.ceil(largest!.n / 50);

    // The reads alone, uncached (median of 5, after one run).
    const readTimes = async (fn: () => Promise<unknown>) => {
      await fn();
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await timed(fn)).ms);
      return median(times);
    };
    const reads: Array<{ read: string; ms: number }> = [
      {
        read: `unit items + evaluations per item (${mostEvaluated!.code}, ${mostEvaluated!.n.toLocaleString("en")} evaluations)`,
        ms: await readTimes(() => loadUnitItems(ctx.prisma, ref, mostEvaluated!.unitId)),
      },
      {
        read: "unit items + evaluations per item (d08 市公安局)",
        ms: await readTimes(() => loadUnitItems(ctx.prisma, ref, police.id)),
      },
      {
        read: `item cases, page 1 + count (${largest!.code} ${largest!.itemCode}, ${largest!.n.toLocaleString("en")} cases)`,
        ms: await readTimes(() =>
          loadItemCases(ctx.prisma, { ref, unitId: largest!.unitId, itemCode: largest!.itemCode, page: 1 }),
        ),
      },
      {
        read: `item cases, page ${pages} (the last) + count`,
        ms: await readTimes(() =>
          loadItemCases(ctx.prisma, { ref, unitId: largest!.unitId, itemCode: largest!.itemCode, page: pages }),
        ),
      },
      {
        read: "the month's overdue cases, top 20 (whole month's leaf)",
        ms: await readTimes(() => loadOverdueCases(ctx.prisma, ref, 20)),
      },
    ];

    const itemPath = `/${month}/units/${largest!.code}/items/${largest!.itemCode}`;
    const targets = [
      // Baselines in the same run: what any page costs on this machine at 32 connections.
      {
        id: "baseline-static",
        label: "baseline: /about (prerendered, no data, through the proxy)",
        path: "/about",
        budget: false,
      },
      { id: "baseline-unit", label: "baseline: unit page d08 (ISR)", path: `/${month}/units/d08`, budget: false },
      {
        id: "items-most-evaluated",
        label: `items page: ${mostEvaluated!.code} (most evaluations)`,
        path: `/${month}/units/${mostEvaluated!.code}/items`,
      },
      { id: "items-police", label: "items page: d08 市公安局", path: `/${month}/units/d08/items` },
      { id: "cases-page-1", label: `case list: ${largest!.itemCode}, page 1`, path: itemPath },
      {
        id: "cases-page-mid",
        label: `case list: ${largest!.itemCode}, page ${Math.ceil(pages / 2)}`,
        path: `${itemPath}/${Math.ceil(pages / 2)}`,
      },
    ];
    const amount = ctx.quick ? 600 : 2000;
    const rows: Row[] = [];
    const results = new Map<string, LoadResult>();
    for (const target of targets) {
      ctx.log(`drill-down: warming ${target.path}`);
      await ctx.warm(target.path, { burst: 200 });
      const result = await ctx.load(target.path, { amount, connections: CONNECTIONS });
      results.set(target.id, result);
      rows.push({
        page: target.label,
        rps: result.requestsPerSecond,
        p50: result.latencyP50Ms,
        p99: result.latencyP99Ms,
        max: result.latencyMaxMs,
        errors: result.errors,
      });
    }
    // Every page of the largest item once, in turn (first visit of each: no cached read).
    const walk = Array.from({ length: pages }, (_, i) => (i + 2 <= pages ? `${itemPath}/${i + 2}` : itemPath));
    ctx.log(`drill-down: walking ${pages} distinct pages of ${largest!.itemCode}`);
    const distinct = await ctx.load(walk[0]!, { amount: walk.length, connections: CONNECTIONS, rotate: walk });
    results.set("cases-distinct", distinct);
    rows.push({
      page: `case list: ${pages} distinct pages, each read for the first time`,
      rps: distinct.requestsPerSecond,
      p50: distinct.latencyP50Ms,
      p99: distinct.latencyP99Ms,
      max: distinct.latencyMaxMs,
      errors: distinct.errors,
    });

    const budgets: Budget[] = [...results.entries()]
      .filter(([id]) => !id.startsWith("baseline"))
      .map(([id, r]) => ({
        name: `${id} p99 at ${CONNECTIONS} connections`,
        limit: `< ${P99_BUDGET_MS} ms`,
        actual: `${Math.round(r.latencyP99Ms)} ms`,
        ok: r.latencyP99Ms < P99_BUDGET_MS && r.errors === 0,
      }));
    return {
      title: `Drill-down from case records: ${monthCount} months loaded (${caseRows.toLocaleString("en")} case rows), ${CONNECTIONS} connections`,
      columns: [
        { key: "page", label: "page" },
        { key: "rps", label: "req/s", digits: 0 },
        { key: "p50", label: "p50", unit: "ms", digits: 0 },
        { key: "p99", label: "p99", unit: "ms", digits: 0 },
        { key: "max", label: "max", unit: "ms", digits: 0 },
        { key: "errors", label: "errors" },
      ],
      rows: [
        ...rows,
        ...reads.map((r) => ({
          page: `read alone, uncached: ${r.read}`,
          rps: null,
          p50: r.ms,
          p99: null,
          max: null,
          errors: null,
        })),
      ],
      budgets,
      notes: [
        `Imports: ${importSeconds.map((s) => s.toFixed(0)).join(", ")} s (generation not included).`,
        "Each measured path is warmed first; the distinct-pages walk is not (each page is read from the database once).",
        "The reads alone run on the bench's own client (p50 column: median of 5 after one run).",
      ],
      details: { months, largest, mostEvaluated, importSeconds, reads },
    };
  },
};

export default section;
