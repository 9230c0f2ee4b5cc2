// Case records, end to end: the generated 2021-06 month (1,281,854 cases of which 1,048,052
// applications, 757,900 evaluations, 1,821 catalogue items; lib/case-records/import/reference-generator.ts)
// imported by `npm run import:cases` (parse, check, COPY, index, rollups, publish a version) as
// its own process on a private throwaway database, timed from spawn to exit with the process's
// peak RSS (sampled every 100 ms from /proc). Baseline, same run, same files: psql's \copy of
// the two CSVs into plain tables of text columns (no parsing of values, no checks, no index).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { generateMonthRecords } from "@/lib/case-records/import/reference-generator";
import { referenceMonth } from "@/lib/demo-data/reference-month";
import { seedUnits } from "@/lib/demo-data/seed-database";
import { createTestDatabase } from "@/test/helpers/database";
import type { BenchContext, BenchSection, Row } from "../types";

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ ms: number; peakRssMb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let peak = 0;
    // RSS of the process tree's leaf that does the work (npm/exec replaces itself: the pid is node's).
    const sample = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kb / 1024);
      } catch {
        /* exited */
      }
    }, 100);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sample);
      if (code !== 0)
        reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr.slice(-2000)} ${stdout.slice(-2000)}`));
      else resolve({ ms: performance.now() - started, peakRssMb: peak, stdout });
    });
  });
}

const section: BenchSection = {
  id: "cases",
  order: 45,
  async run(ctx: BenchContext) {
    process.env.TEST_DATABASE_URL ??= ctx.databaseUrl;
    const db = await createTestDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "bench-cases-"));
    try {
      await seedUnits(db.prisma);
      ctx.log("cases: generating the 2021-06 records");
      const generated = await generateMonthRecords({ outDir: dir, units: referenceMonth.rows });
      const files = [generated.cases, generated.evaluations, generated.catalogue];
      const env = { ...process.env, DATABASE_URL: db.url };

      ctx.log("cases: npm run import:cases");
      // The machine is shared: the load when the import starts says how far to trust the time.
      const loadAtStart = loadavg();
      const imported = await run(
        process.execPath,
        [
          "--max-old-space-size=384",
          "--max-semi-space-size=32",
          "--import",
          "tsx",
          "scripts/import-cases.ts",
          ...files,
          "--month",
          "2021-06",
        ],
        env,
        ctx.root,
      );
      const timings = JSON.parse(/timings (\{[^}]*\})/.exec(imported.stdout)?.[1] ?? "{}") as Record<string, number>;
      const publishMs = Number(/publish (\d+) ms/.exec(imported.stdout)?.[1] ?? NaN);

      // Baseline: psql \copy of the same two CSVs into bare text tables.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query(
        `CREATE TABLE bench_cases_copy (${Array.from({ length: 12 }, (_, i) => `c${i} text`).join(", ")})`,
      );
      await client.query(
        `CREATE TABLE bench_evaluations_copy (${Array.from({ length: 6 }, (_, i) => `c${i} text`).join(", ")})`,
      );
      await client.end();
      ctx.log("cases: psql \\copy baseline");
      const copy = await run(
        "psql",
        [
          db.url,
          "-v",
          "ON_ERROR_STOP=1",
          "-c",
          `\\copy bench_cases_copy FROM '${generated.cases}' WITH (FORMAT csv, HEADER true)`,
          "-c",
          `\\copy bench_evaluations_copy FROM '${generated.evaluations}' WITH (FORMAT csv, HEADER true)`,
        ],
        env,
        ctx.root,
      );

      const importS = imported.ms / 1000;
      const copyS = copy.ms / 1000;
      const rows: Row[] = [
        { step: "import:cases, end to end (process spawn → exit)", seconds: importS, peakRssMb: imported.peakRssMb },
        { step: "  hash the files", seconds: timings.hash ?? null, peakRssMb: null },
        { step: "  read + check + COPY (streamed together)", seconds: timings.read ?? null, peakRssMb: null },
        { step: "  index the import's tables", seconds: timings.index ?? null, peakRssMb: null },
        { step: "  rollups (SQL)", seconds: timings.rollup ?? null, peakRssMb: null },
        { step: "  publish (attach + version + audit)", seconds: publishMs / 1000, peakRssMb: null },
        { step: "baseline: psql \\copy of the same two CSVs", seconds: copyS, peakRssMb: copy.peakRssMb },
        {
          step: `load average at the start (1 / 5 / 15 min): ${loadAtStart.map((l) => l.toFixed(2)).join(" / ")}`,
          seconds: null,
          peakRssMb: null,
        },
      ];
      return {
        title: `Case records: ${generated.caseRows.toLocaleString("en")} cases + ${generated.evaluationRows.toLocaleString("en")} evaluations (2021-06, generated)`,
        columns: [
          { key: "step", label: "step" },
          { key: "seconds", label: "time", unit: "s", digits: 1 },
          { key: "peakRssMb", label: "peak RSS", unit: "MB", digits: 0 },
        ],
        rows,
        budgets: [
          { name: "import end to end", limit: "≤ 30 s", actual: `${importS.toFixed(1)} s`, ok: importS <= 30 },
          {
            name: "import process peak RSS",
            limit: "≤ 512 MB",
            actual: `${Math.round(imported.peakRssMb)} MB`,
            ok: imported.peakRssMb <= 512,
          },
          {
            name: "import ÷ psql \\copy",
            limit: "≤ 3×",
            actual: `${(importS / copyS).toFixed(2)}×`,
            ok: importS / copyS <= 3,
          },
        ],
        notes: [
          "The import process includes Node's start, tsx's compilation of the script and Prisma's client (about 1 s).",
          "The psql baseline loads text only: no dates, enumerations, working days, duplicate checks, indexes or rollups.",
        ],
        details: {
          generated,
          timings,
          publishMs,
          loadAtStart,
          stdout: imported.stdout
            .split("\n")
            .filter((l) => !l.includes(" rows"))
            .slice(-12),
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.drop();
    }
  },
};

export default section;
