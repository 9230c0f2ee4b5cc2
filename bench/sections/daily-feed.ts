// The daily feed, end to end over HTTP: a day's batch for a city of this size (35,000 changed
// cases, CSV, gzip) POSTed to /api/v1/cases of the built app with a machine token, timed from
// the request to the answer — read, check, upsert into DailyCase, then the month to date
// computed and published (stage from DailyCase, rollups, version). Day 1 brings the cases
// accepted; day 2 the same 35,000 completed (each replacing its state by 办件编号); day 2 again
// is a replay (duplicate: nothing changes). Month 2021-07, after the bench data's last month.
// Baseline, same run, same rows: COPY of the CSV into a bare table of text columns.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type IngestResult, ingestDailyBatch } from "@/lib/supervision/daily-feed/ingest";
import { refreshMonthToDate } from "@/lib/supervision/daily-feed/month-to-date";
import { createApiToken } from "@/lib/supervision/daily-feed/tokens";
import { timed } from "../harness";
import type { BenchContext, BenchSection, Row } from "../types";

export const DAILY_BATCH_CASES = 35_000;
/** A request's answer may take this long before it counts as lost (the budget is 5 s; a loaded machine is slower). */
const ANSWER_TIMEOUT_MS = 600_000;

const HEADER =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间";

/** A day's batch: `count` cases spread over the units; completed on day 2 (null: still open). */
export function dailyBatchCsv(unitNames: readonly string[], count: number, completedAt: string | null): string {
  const lines = [HEADER];
  for (let i = 0; i < count; i++) {
    const unit = unitNames[i % unitNames.length]!;
    const promised = i % 3 !== 0;
    const item = `D${String(i % 40).padStart(3, "0")}`;
    const applied = "2021-07-01 09:00:00";
    lines.push(
      [
        `B2021070${String(i).padStart(7, "0")}`,
        item,
        `每日事项${item}`,
        unit,
        promised ? "承诺件" : "即办件",
        promised ? "20" : "1",
        promised ? "5" : "",
        i % 2 ? "网上申请" : "窗口申请",
        "否",
        applied,
        "2021-07-01 10:00:00",
        completedAt ?? "",
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * One POST of a batch over node:http (not fetch: undici's own timeouts and its bare "fetch failed"
 * hid why a request of an earlier run ended), timed from the first byte sent to the last byte of
 * the answer. A connection that ends without an answer is named with its cause and the time it
 * took, and whether the server still answers afterwards.
 */
async function post(ctx: BenchContext, token: string, body: Buffer, date: string) {
  const url = new URL(`${ctx.baseUrl}/api/v1/cases?date=${date}&name=cases-${date}.csv`);
  const started = performance.now();
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: "POST",
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "text/csv",
          "content-encoding": "gzip",
          "content-length": String(body.length),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.setTimeout(ANSWER_TIMEOUT_MS, () =>
      request.destroy(new Error(`no answer in ${ANSWER_TIMEOUT_MS / 1000} s`)),
    );
    request.on("error", reject);
    request.end(body);
  }).catch(async (error: Error & { code?: string }) => {
    const after = ((performance.now() - started) / 1000).toFixed(1);
    const alive = await fetch(`${ctx.baseUrl}/api/v1/openapi.json`)
      .then((r) => `the server answers (${r.status})`)
      .catch(() => "the server no longer answers");
    throw new Error(
      `POST /api/v1/cases (${date}) ended after ${after} s: ${error.code ?? ""} ${error.message}; ${alive}`,
    );
  });
  const ms = performance.now() - started;
  let json: { status: string; applied: number; errorCount: number; message: string };
  try {
    json = JSON.parse(answer.text);
  } catch {
    throw new Error(`POST /api/v1/cases (${date}): ${answer.status}, not JSON: ${answer.text.slice(0, 300)}`);
  }
  if (answer.status !== 200) throw new Error(`POST /api/v1/cases: ${answer.status} ${answer.text.slice(0, 500)}`);
  return { ms, json };
}

const section: BenchSection = {
  id: "daily-feed",
  order: 47,
  async run(ctx: BenchContext) {
    const units = await ctx.prisma.unit.findMany({ where: { active: true }, select: { name: true } });
    const names = units.map((u) => u.name);
    const { token } = await createApiToken(ctx.prisma, { name: "bench", scope: "cases:ingest", actorId: null });
    const day1 = dailyBatchCsv(names, DAILY_BATCH_CASES, null);
    const day2 = dailyBatchCsv(names, DAILY_BATCH_CASES, "2021-07-02 16:00:00");
    const gz1 = gzipSync(day1);
    const gz2 = gzipSync(day2);
    // Warm: the route, the reader and the month-to-date steps load on their first use, as after any
    // start; a one-case batch of the same month (not counted) pays that before the measured days.
    ctx.log("daily-feed: warming POST /api/v1/cases with a one-case batch");
    await ctx.warm("/api/v1/openapi.json", { cookie: null });
    const warmCase = `${dailyBatchCsv(names, 1, null).replace("B20210700000000", "W20210700000000")}`;
    await post(ctx, token, gzipSync(warmCase), "2021-07-01");
    ctx.log(`daily-feed: day 1 (${DAILY_BATCH_CASES} cases accepted, ${(day1.length / 1e6).toFixed(1)} MB)`);
    const first = await post(ctx, token, gz1, "2021-07-01");
    ctx.log("daily-feed: day 2 (the same cases completed)");
    const second = await post(ctx, token, gz2, "2021-07-02");
    const replay = await post(ctx, token, gz2, "2021-07-02");

    // Where the time goes: a third day (the same cases completed again, later) in the bench
    // process, no HTTP, in its two parts: the batch written (read, row checks, upsert, audit) and
    // the month to date recomputed and published (stage from DailyCase, rollups, version).
    const day3 = dailyBatchCsv(names, DAILY_BATCH_CASES, "2021-07-03 16:00:00");
    const dir = await mkdtemp(path.join(tmpdir(), "bench-daily-"));
    let ingestPart: { ms: number; value: IngestResult };
    let refreshPart: { ms: number };
    try {
      const file = path.join(dir, "cases-2021-07-03.csv");
      await writeFile(file, day3);
      ingestPart = await timed(() =>
        ingestDailyBatch(ctx.prisma, {
          databaseUrl: ctx.databaseUrl,
          files: [{ path: file, name: "cases-2021-07-03.csv" }],
          asOf: "2021-07-03",
          source: "CLI",
        }),
      );
      refreshPart = await timed(() =>
        refreshMonthToDate(ctx.prisma, { databaseUrl: ctx.databaseUrl, month: "2021-07", asOf: "2021-07-03" }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    // Baseline: COPY of the same CSV into a bare table of text columns.
    const client = new pg.Client({ connectionString: ctx.databaseUrl });
    await client.connect();
    let copyMs = 0;
    try {
      await client.query(
        `CREATE TEMP TABLE bench_daily_copy (${Array.from({ length: 12 }, (_, i) => `c${i} text`).join(", ")})`,
      );
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        const stream = client.query(copyFrom("COPY bench_daily_copy FROM STDIN WITH (FORMAT csv, HEADER true)"));
        stream.on("finish", () => resolve());
        stream.on("error", reject);
        stream.end(day2);
      });
      copyMs = performance.now() - started;
    } finally {
      await client.end();
    }
    const worst = Math.max(first.ms, second.ms);
    const rows: Row[] = [
      {
        step: "day 1: 35,000 cases accepted (POST → answer, incl. month to date)",
        ms: first.ms,
        result: `${first.json.status}, ${first.json.applied} written`,
      },
      {
        step: "day 2: the same 35,000 completed (each replaces its state)",
        ms: second.ms,
        result: `${second.json.status}, ${second.json.applied} written`,
      },
      { step: "day 2 replayed", ms: replay.ms, result: replay.json.status },
      {
        step: "in process, day 3: the batch written (read, checks, upsert, audit)",
        ms: ingestPart.ms,
        result: `${ingestPart.value.status}, ${ingestPart.value.applied} written`,
      },
      { step: "in process, day 3: the month to date recomputed and published", ms: refreshPart.ms, result: "" },
      { step: "baseline: COPY of the same CSV into text columns", ms: copyMs, result: "" },
    ];
    return {
      title: `Daily feed: a day's batch of ${DAILY_BATCH_CASES.toLocaleString("en")} changed cases through POST /api/v1/cases`,
      columns: [
        { key: "step", label: "step" },
        { key: "ms", label: "time", unit: "ms", digits: 0 },
        { key: "result", label: "answer" },
      ],
      rows,
      budgets: [
        {
          name: "a day's batch end to end",
          limit: "≤ 5 s",
          actual: `${(worst / 1000).toFixed(2)} s`,
          ok: worst <= 5000,
        },
        {
          name: "day's batch ÷ COPY baseline",
          limit: "report",
          actual: `${(worst / copyMs).toFixed(1)}×`,
          ok: true,
          note: "the batch also checks every row, upserts by 办件编号 and publishes the month to date",
        },
        {
          name: "replay changes nothing",
          limit: "duplicate",
          actual: replay.json.status,
          ok: replay.json.status === "duplicate",
        },
      ],
      notes: [
        "The month to date is recomputed from DailyCase after each batch (stage, rollups, publish), as the admin's close would.",
      ],
      details: {
        first: first.json,
        second: second.json,
        copyMs,
        breakdown: { ingestMs: ingestPart.ms, monthToDateMs: refreshPart.ms },
      },
    };
  },
};

export default section;
