// npm run import:cases -- FILE… [--month YYYY-MM] [--stage-only] [--errors errors.csv] [--user USERNAME]
// npm run import:cases -- --daily FILE… [--date YYYY-MM-DD] [--user USERNAME]
//
// --daily: the files are a day's batch of changes for the daily feed (lib/supervision,
// docs/daily-feed.md): recorded once (the same batch again changes nothing), each case replacing
// its earlier state by 办件编号, then the month to date (本月截至 X 日) refreshed. --date is the
// day the batch speaks for (default: a YYYY-MM-DD in the first file name, else today in China).
//
// Imports a month's case records (办件明细, 好差评, 实施清单: CSV in UTF-8 or GBK, .csv.gz, XLSX or
// .zip, any order) through the same pipeline as the admin pages (lib/case-records): stage (parse, check,
// COPY, rollups), then publish as a new version of the month (origin CASES). A file with any
// error publishes nothing: the problems are printed by kind with their first rows, and every row
// problem is written to --errors (default: case-import-<id>-errors.csv). Exit code 1 then.
// With DATABASE_URL unset it uses the embedded database (as npm start does). A running app
// shows the new figures once its cache expires (publishing from the admin pages refreshes at once).
import path from "node:path";
import { parseArgs } from "node:util";
import { publishCaseImport } from "@/lib/case-records/import/publish-import";
import { stageCaseImport } from "@/lib/case-records/import/stage-import";
import { defaultDataDir, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { ingestDailyBatch, isIsoDate, refreshMonthToDate, todayInChina } from "@/lib/supervision";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    month: { type: "string" },
    "stage-only": { type: "boolean" },
    errors: { type: "string" },
    user: { type: "string" },
    daily: { type: "boolean" },
    date: { type: "string" },
  },
});
if (values.daily) {
  process.exit(await runDaily());
}
if (positionals.length === 0) {
  console.error(
    "usage: npm run import:cases -- FILE… [--month YYYY-MM] [--stage-only] [--errors FILE] [--user USERNAME]",
  );
  process.exit(2);
}
const month =
  values.month ??
  positionals
    .map((f) => /(\d{4})[-_]?(0[1-9]|1[0-2])/.exec(path.basename(f)))
    .find(Boolean)
    ?.slice(1, 3)
    .join("-");
if (!month) {
  console.error("[import:cases] 无法从文件名判断月份，请用 --month YYYY-MM 指定");
  process.exit(2);
}

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
sampler.unref();

let embedded: EmbeddedDatabase | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  embedded = await startEmbeddedDatabase({ dataDir: process.env.EMBEDDED_DB_DIR ?? defaultDataDir });
  url = embedded.url;
}
const prisma = createPrismaClient(url, 2);
const started = performance.now();
let exitCode = 0;
try {
  let createdById: number | null = null;
  if (values.user) {
    const user = await prisma.user.findUnique({ where: { username: values.user } });
    if (!user) throw new Error(`用户“${values.user}”不存在`);
    createdById = user.id;
  }
  const errorsCsvPath = values.errors ?? path.resolve(`case-import-${month}-errors.csv`);
  let lastRows = 0;
  const result = await stageCaseImport({
    databaseUrl: url,
    month,
    files: positionals.map((f) => ({ path: f, name: path.basename(f) })),
    createdById,
    errorsCsvPath,
    onProgress: (p) => {
      if (p.stage !== "read") console.log(`[import:cases] ${p.stage}`);
      else if ((p.rows ?? 0) - lastRows >= 200_000 || (p.rows ?? 0) < lastRows) {
        lastRows = p.rows ?? 0;
        console.log(`[import:cases] read ${p.file}: ${p.rows} rows`);
      }
    },
  });
  const r = result.report;
  for (const f of r.files) {
    console.log(
      `[import:cases] ${f.file}: ${f.kind ?? "?"}, ${f.format}${f.encoding ? ` ${f.encoding}` : ""}, ${f.rows} rows` +
        (f.droppedColumns.length ? `, personal data dropped: ${f.droppedColumns.join("、")}` : ""),
    );
  }
  for (const p of r.problems) {
    console.log(`[import:cases] ${p.severity === "error" ? "错误" : "警告"} ${p.title}: ${p.count}`);
    for (const first of p.first.slice(0, 3)) console.log(`    ${first.message}`);
  }
  console.log(
    `[import:cases] import #${result.importId}: ${r.cases} cases, ${r.evaluations} evaluations, ${r.items} catalogue items; timings ${JSON.stringify(r.timings)}`,
  );
  if (!result.ok) {
    console.error(`[import:cases] 有 ${r.errorCount} 个错误，未发布。全部行级问题见 ${errorsCsvPath}`);
    exitCode = 1;
  } else if (values["stage-only"]) {
    console.log(`[import:cases] staged (not published): import #${result.importId}`);
  } else {
    const t = performance.now();
    const version = await publishCaseImport(prisma, result.importId, { createdById });
    console.log(
      `[import:cases] published ${version.month} version ${version.number} (publish ${Math.round(performance.now() - t)} ms)`,
    );
  }
} catch (error) {
  console.error(`[import:cases] ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await prisma.$disconnect();
  await embedded?.stop();
  clearInterval(sampler);
}
console.log(
  `[import:cases] total ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(peakRss / 1048576)} MB`,
);
process.exit(exitCode);

/** --daily: one day's batch into the daily feed. The exit code. */
async function runDaily(): Promise<number> {
  if (positionals.length === 0) {
    console.error("usage: npm run import:cases -- --daily FILE… [--date YYYY-MM-DD] [--user USERNAME]");
    return 2;
  }
  const asOf =
    values.date ??
    positionals.map((f) => /(\d{4}-\d{2}-\d{2})/.exec(path.basename(f))?.[1]).find(Boolean) ??
    todayInChina();
  if (!isIsoDate(asOf)) {
    console.error(`[import:cases] 日期“${asOf}”无效，应为 YYYY-MM-DD`);
    return 2;
  }
  let db: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    db = await startEmbeddedDatabase({ dataDir: process.env.EMBEDDED_DB_DIR ?? defaultDataDir });
    databaseUrl = db.url;
  }
  const client = createPrismaClient(databaseUrl, 2);
  const t = performance.now();
  try {
    let createdById: number | null = null;
    if (values.user) {
      const user = await client.user.findUnique({ where: { username: values.user } });
      if (!user) throw new Error(`用户“${values.user}”不存在`);
      createdById = user.id;
    }
    const url = databaseUrl;
    const result = await ingestDailyBatch(
      client,
      {
        databaseUrl: url,
        files: positionals.map((f) => ({ path: f, name: path.basename(f) })),
        asOf,
        source: "CLI",
        createdById,
      },
      (month, day) => refreshMonthToDate(client, { databaseUrl: url, month, asOf: day, createdById }),
    );
    for (const p of result.problems) {
      console.log(`[import:cases] ${p.severity === "error" ? "错误" : "警告"} ${p.title}: ${p.count}`);
      for (const first of p.first.slice(0, 3)) console.log(`    ${first.message}`);
    }
    if (result.status === "refused") {
      console.error(`[import:cases] 有 ${result.errorCount} 个错误，这批数据未写入（没有任何改变）`);
      return 1;
    }
    if (result.status === "duplicate") {
      console.log(`[import:cases] 这批数据已于此前收到（批次 #${result.batchId}），没有任何改变`);
      return 0;
    }
    console.log(
      `[import:cases] daily batch #${result.batchId} (${result.asOf}): ${result.cases} cases (${result.applied} written, ${result.stale} older than held), ${result.evaluations} evaluations, ${result.items} items`,
    );
    console.log(
      result.monthToDate
        ? `[import:cases] ${result.month} 本月截至 ${Number(result.asOf.slice(8))} 日：第${result.monthToDate.versionNumber}版（临时数据）`
        : `[import:cases] ${result.month} 已关账：当月数据不变`,
    );
    console.log(`[import:cases] total ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(`[import:cases] ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await client.$disconnect();
    await db?.stop();
  }
}
