// The reads the month pages make, checked against PostgreSQL's query plans on
// a database of the size `npm run bench` uses (10 years × 12 months × 49 units):
//
// - every SQL statement the page loaders emit (captured from Prisma's query
//   events, run exactly as Prisma sent it) is answered through the index we
//   expect, with sequential scans disabled so that small tables cannot hide a
//   missing index (EXPLAIN with enable_seqscan = off);
// - on the large tables the planner picks that index by itself too, after
//   ANALYZE (no seq scan of MonthlyStat for one month's rows);
// - loading 13 months costs the same number of statements as loading one
//   (no N+1).

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthsEndingWith } from "@/lib/calendar/month";
import { loadUnit } from "@/lib/dashboard/unit-history";
import { REFERENCE_MONTH } from "@/lib/demo-data/reference-month";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadMonths } from "@/lib/month-versions/month-data";
import { loadPublishedMonths } from "@/lib/month-versions/published-months";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

type Captured = { query: string; params: unknown[] };
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };

/** The index each table must be read through by the month pages' statements. */
const EXPECTED_INDEX: Record<string, RegExp> = {
  ReportMonth: /^ReportMonth_pkey$/,
  MonthVersion: /^MonthVersion_pkey$/,
  MonthlyStat: /^MonthlyStat_versionId_unitId_key$/,
  MonthlySummary: /^MonthlySummary_versionId_scope_key$/,
  Unit: /^Unit_(pkey|code_key)$/,
  User: /^User_pkey$/,
};
const INDEX_NODES = new Set(["Index Scan", "Index Only Scan", "Bitmap Index Scan"]);

let db: TestDatabase;
/** A client that reports every statement it sends. */
function capturingClient(url: string) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 2 }),
    log: [{ emit: "event" as const, level: "query" as const }],
  });
}

let prisma: ReturnType<typeof capturingClient>;
let client: pg.Client;
let captured: Captured[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // The reference month and 119 generated months before it: 2011-07 … 2021-06.
  await seedDatabase(db.prisma, { demoMonths: 119, demoUsers: false });
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: "d08" } });
  await db.prisma.user.create({
    data: { username: "plan-test", displayName: "plan test", passwordHash: "x", role: "DEPARTMENT", unitId: unit.id },
  });
  prisma = capturingClient(db.url);
  prisma.$on("query", (event) => {
    captured.push({ query: event.query, params: JSON.parse(event.params) as unknown[] });
  });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query("ANALYZE");
}, 300_000);

afterAll(async () => {
  await client?.end();
  await prisma?.$disconnect();
  await db?.drop();
});

/** Runs `fn` and returns the statements it sent (transaction control left out). */
async function statementsOf(fn: () => Promise<unknown>): Promise<Captured[]> {
  captured = [];
  await fn();
  return captured.filter((c) => !/^(BEGIN|COMMIT|ROLLBACK|SELECT 1)\b/i.test(c.query.trim()));
}

async function planOf(statement: Captured, options: { seqscan: boolean }): Promise<PlanNode> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL enable_seqscan = ${options.seqscan ? "on" : "off"}`);
    const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${statement.query}`,
      statement.params,
    );
    return rows[0]!["QUERY PLAN"][0]!.Plan;
  } finally {
    await client.query("ROLLBACK");
  }
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Table → how the plan reads it: "Index Scan on X_pkey", "Seq Scan", … */
function accessPaths(plan: PlanNode): Array<{ table: string | undefined; node: string; index?: string }> {
  return nodes(plan)
    .filter((n) => n["Node Type"] === "Seq Scan" || INDEX_NODES.has(n["Node Type"]))
    .map((n) => ({
      table: n["Relation Name"] ?? indexTable(n["Index Name"]),
      node: n["Node Type"],
      index: n["Index Name"],
    }));
}

/** A Bitmap Index Scan names its index but not its table: "MonthlyStat_versionId_unitId_key" → "MonthlyStat". */
function indexTable(index: string | undefined): string | undefined {
  return index ? Object.keys(EXPECTED_INDEX).find((table) => index.startsWith(`${table}_`)) : undefined;
}

async function expectIndexed(statements: Captured[]): Promise<void> {
  expect(statements.length).toBeGreaterThan(0);
  for (const statement of statements) {
    const paths = accessPaths(await planOf(statement, { seqscan: false }));
    expect(paths.length, statement.query).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.node, `${statement.query}\n→ ${JSON.stringify(paths)}`).not.toBe("Seq Scan");
      expect(path.table, statement.query).toBeDefined();
      expect(path.index, statement.query).toMatch(EXPECTED_INDEX[path.table!] ?? /^$/);
    }
  }
}

const history = monthsEndingWith(REFERENCE_MONTH, 13);

describe("query plans of the month pages (10 years of data)", () => {
  it("has the 10-year dataset", async () => {
    expect(await db.prisma.reportMonth.count()).toBe(120);
    expect(await db.prisma.monthlyStat.count()).toBe(120 * 49);
  });

  it("the month list (every month page's layout) reads ReportMonth and MonthVersion by index", async () => {
    const statements = await statementsOf(() => loadPublishedMonths(prisma));
    await expectIndexed(statements);
  });

  it("a month view (13 months: rows, units, summaries) reads every table by index", async () => {
    const statements = await statementsOf(() => loadMonths(prisma, history));
    expect(statements.map((s) => s.query).join("\n")).toMatch(/"MonthlyStat"/);
    await expectIndexed(statements);
  });

  it("a unit page's unit lookup and the per-request session check use their unique indexes", async () => {
    await expectIndexed(await statementsOf(() => loadUnit(prisma, "d08")));
    // lib/access/viewer-status.ts: the same call, made by the JWT callback at most every 5 s per user.
    await expectIndexed(
      await statementsOf(() =>
        prisma.user.findFirst({ where: { username: "plan-test" } }).then((u) =>
          prisma.user.findUnique({
            where: { id: u!.id },
            select: { active: true, sessionVersion: true, role: true, unit: { select: { code: true } } },
          }),
        ),
      ).then((s) => s.filter((c) => !/"username"/.test(c.query))),
    );
  });

  // MonthlySummary (3 rows a month) stays small enough for a seq scan to be the better plan.
  it("the planner reads 13 months' rows of MonthlyStat through the index by itself (no forced plan)", async () => {
    const statements = await statementsOf(() => loadMonths(prisma, history));
    const large = statements.filter((s) => /FROM "public"\."MonthlyStat"/.test(s.query));
    expect(large.length).toBe(1);
    for (const statement of large) {
      const paths = accessPaths(await planOf(statement, { seqscan: true }));
      expect(
        paths.map((p) => p.node),
        statement.query,
      ).not.toContain("Seq Scan");
    }
  });

  it("no N+1: 13 months cost as many statements as one", async () => {
    const one = await statementsOf(() => loadMonths(prisma, [REFERENCE_MONTH]));
    const thirteen = await statementsOf(() => loadMonths(prisma, history));
    expect(thirteen.length).toBe(one.length);
    expect(thirteen.length).toBeLessThanOrEqual(5);
    const data = await loadMonths(prisma, history);
    expect(data.map((m) => m.month)).toEqual(history);
    expect(data.every((m) => m.rows.length === 49)).toBe(true);
  });
});
