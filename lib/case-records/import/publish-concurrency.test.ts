// Integration (real PostgreSQL, several connections): publishing case imports of one month at the
// same moment, and a case import racing an annex upload. Each race is forced, not hoped for: a
// third connection holds a lock both publishers need, the test waits until both are seen waiting
// on it in pg_stat_activity, then lets go. Checked: versions are numbered without gaps, exactly
// one import ends PUBLISHED (the later one) and the other SUPERSEDED, the month's current version
// carries the figures of its own import, a double publish of one import makes one version and
// one CaseImportStateError, and an upload replaced by a case import is SUPERSEDED.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTemplateWorkbook, workbookBytes } from "@/lib/annex-upload/parse";
import { MONTH as REFERENCE_MONTH, referenceMonth } from "@/lib/annex-upload/parse/test-support";
import { publishUpload } from "@/lib/annex-upload/publish-upload";
import { stageUpload } from "@/lib/annex-upload/stage-upload";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { caseMonthFiles } from "@/test/fixtures/case-month";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { monthPartitionName } from "./partitions";
import { CaseImportStateError, publishCaseImport } from "./publish-import";
import { stageCaseImport } from "./stage-import";

let db: TestDatabase;
let adminId: number;
let police: number;
const dir = mkdtempSync(path.join(tmpdir(), "cases-race-"));

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 1 });
  adminId = (await db.prisma.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
  police = (await db.prisma.unit.findUniqueOrThrow({ where: { code: "d08" } })).id;
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** pglite-server runs one query at a time: no second backend can wait on a lock. */
const onPostgres = () => db.kind === "postgres";

/**
 * Stages the fixture month's files with `extra` more on-time P02 cases of 市公安局 (so each import
 * has figures of its own: 市公安局's `completed` is 5 + extra) and returns the import's id.
 */
async function stageCases(month: string, extra: number): Promise<number> {
  const texts = caseMonthFiles(month);
  const rows = Array.from(
    { length: extra },
    (_, i) =>
      `RX${i},P02,身份证补领,市公安局,即办件,1,,窗口申请,否,${month}-07 10:00:00,${month}-07 10:00:00,${month}-07 10:30:00`,
  );
  const cases = texts.cases + rows.map((r) => `${r}\n`).join("");
  const files = Object.entries({ cases, catalogue: texts.catalogue, evaluations: texts.evaluations }).map(
    ([kind, text]) => {
      const name = `${kind}-${month}-${extra}.csv`;
      writeFileSync(path.join(dir, name), text);
      return { path: path.join(dir, name), name };
    },
  );
  const staged = await stageCaseImport({ databaseUrl: db.url, month, files, createdById: adminId });
  if (!staged.ok) throw new Error(`not staged: ${JSON.stringify(staged.report.problems).slice(0, 500)}`);
  return staged.importId;
}

/** A staged annex upload of the reference month (every unit's `completed` + delta). */
async function stageAnnex(delta: number): Promise<number> {
  const rows = referenceMonth.rows.map((r) => ({ ...r, completed: r.completed + delta }));
  const bytes = await workbookBytes(buildTemplateWorkbook({ month: REFERENCE_MONTH, units: rows }));
  const staged = await stageUpload(db.prisma, { fileName: `plus-${delta}.xlsx`, bytes, uploadedById: adminId });
  if (staged.kind !== "staged") throw new Error(`not staged: ${JSON.stringify(staged).slice(0, 300)}`);
  return staged.uploadId;
}

/**
 * A connection that holds a lock (taken by `lockSql` inside a transaction) until release();
 * waitFor(n) resolves once n other backends of this database wait on a lock, so the race is
 * certain. It fails (saying what the backends were doing) if that does not happen in 10 s.
 */
async function blocker(lockSql: string) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(lockSql);
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
  let released = false;
  return {
    async waitFor(n: number) {
      for (let i = 0; i < 400; i++) {
        // Inside a transaction PostgreSQL keeps the first view of pg_stat_activity: clear it each time.
        await client.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
          [pid],
        );
        if (rows[0]!.n >= n) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      const { rows } = await client.query(
        `SELECT pid, state, wait_event_type, wait_event, left(query, 120) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1`,
        [pid],
      );
      throw new Error(`fewer than ${n} publishers waited on the lock: ${JSON.stringify(rows)}`);
    },
    async release() {
      if (released) return;
      released = true;
      await client.query("COMMIT");
      await client.end();
    },
  };
}

type Hold = Awaited<ReturnType<typeof blocker>>;

/**
 * Runs `start` while `lockSql` is held, lets go once `waiters` backends wait on it (always, also
 * when that fails: no publisher is left hanging) and settles what it started.
 */
async function race(
  lockSql: string,
  waiters: number,
  start: (hold: Hold) => Promise<Array<Promise<unknown>>>,
): Promise<PromiseSettledResult<unknown>[]> {
  const hold = await blocker(lockSql);
  let started: Array<Promise<unknown>> = [];
  const early: string[] = [];
  try {
    started = await start(hold);
    for (const [i, p] of started.entries())
      p.then(
        (v) => early.push(`${i} ok ${JSON.stringify(v)}`),
        (e) => early.push(`${i} failed ${String(e)}`),
      );
    await hold.waitFor(waiters);
  } catch (error) {
    throw new Error(`${String(error)}; settled before the release: ${early.join(" | ") || "none"}`);
  } finally {
    await hold.release();
    // A failed wait still lets the publishers finish before the next test.
    await Promise.allSettled(started);
  }
  return Promise.allSettled(started);
}

const settledValue = <T>(result: PromiseSettledResult<unknown>): T => {
  if (result.status === "rejected") throw result.reason;
  return result.value as T;
};

async function monthState(month: string) {
  const reportMonth = await db.prisma.reportMonth.findUniqueOrThrow({
    where: { month },
    include: { currentVersion: { include: { caseImport: true } } },
  });
  const versions = await db.prisma.monthVersion.findMany({
    where: { month },
    orderBy: { number: "asc" },
    include: { caseImport: true },
  });
  const imports = await db.prisma.caseImport.findMany({ where: { month }, orderBy: { id: "asc" } });
  const completed = async (versionId: number) =>
    (await db.prisma.monthlyStat.findFirstOrThrow({ where: { versionId, unitId: police } })).completed;
  return { current: reportMonth.currentVersion!, versions, imports, completed };
}

type Published = Awaited<ReturnType<typeof publishCaseImport>>;
/** Both publishers of a month's case imports attach their tables to the month's partition: held here. */
const lockPartition = (month: string) =>
  `LOCK TABLE "${monthPartitionName("Case", month)}" IN SHARE UPDATE EXCLUSIVE MODE`;

describe("publishing case imports of one month at the same time", () => {
  const MONTH = "2020-05";

  it("two imports: consecutive versions, the later one current with its own figures, the earlier import SUPERSEDED", async () => {
    if (!onPostgres()) return;
    const a = await stageCases(MONTH, 1);
    const b = await stageCases(MONTH, 2);
    // Both publishers lock their own import's row, then both wait to attach their tables to the month.
    const results = await race(lockPartition(MONTH), 2, async () => [
      publishCaseImport(db.prisma, a, { createdById: adminId }),
      publishCaseImport(db.prisma, b, { createdById: adminId }),
    ]);
    const [ra, rb] = results.map((r) => settledValue<Published>(r));
    expect([ra!.number, rb!.number].sort()).toEqual([1, 2]);

    const s = await monthState(MONTH);
    expect(s.versions.map((v) => [v.number, v.origin])).toEqual([
      [1, "CASES"],
      [2, "CASES"],
    ]);
    const later = ra!.number === 2 ? a : b;
    const earlier = later === a ? b : a;
    expect(s.current.number).toBe(2);
    expect(s.current.caseImport?.id).toBe(later);
    expect(Object.fromEntries(s.imports.map((i) => [i.id, i.status]))).toEqual({
      [earlier]: "SUPERSEDED",
      [later]: "PUBLISHED",
    });
    // Each version holds the figures of its own import: 市公安局 completed 5 + extra cases.
    const extra = (id: number) => (id === a ? 1 : 2);
    expect(await s.completed(s.current.id)).toBe(5 + extra(later));
    const first = s.versions.find((v) => v.number === 1)!;
    expect(first.caseImport?.id).toBe(earlier);
    expect(await s.completed(first.id)).toBe(5 + extra(earlier));
    // Both imports' records stay attached (a rollback to version 1 still finds its cases).
    const counts = await db.prisma.$queryRaw<Array<{ importId: number; n: number }>>`
      SELECT "importId", count(*)::int AS n FROM "Case" WHERE "month" = DATE '2020-05-01' GROUP BY 1 ORDER BY 1`;
    expect(counts).toEqual([
      { importId: a, n: 10 },
      { importId: b, n: 11 },
    ]);
  });

  it("the same import twice: one version, and one CaseImportStateError", async () => {
    if (!onPostgres()) return;
    const before = await monthState(MONTH);
    const c = await stageCases(MONTH, 3);
    // The first publisher waits to attach (holding the import's row), the second waits on that row.
    const results = await race(lockPartition(MONTH), 2, async () => [
      publishCaseImport(db.prisma, c),
      publishCaseImport(db.prisma, c),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(CaseImportStateError);
    expect((rejected[0]!.reason as Error).message).toBe(
      `办件导入 #${c} 的状态是 PUBLISHED，只能发布暂存（STAGED）的导入`,
    );

    const s = await monthState(MONTH);
    expect(s.versions.map((v) => v.number)).toEqual([...before.versions.map((v) => v.number), 3]);
    expect(s.current.caseImport?.id).toBe(c);
    expect(await s.completed(s.current.id)).toBe(8);
    expect(s.imports.filter((i) => i.status === "PUBLISHED").map((i) => i.id)).toEqual([c]);
    expect(
      await db.prisma.auditEvent.count({ where: { month: MONTH, action: "month.publish", targetId: String(c) } }),
    ).toBe(1);
  });
});

describe("a case import and an annex upload of one month at the same time", () => {
  // Both writers queue on the month's row (lockMonth); the blocker holds it until both wait.
  const lockMonthRow = `SELECT 1 FROM "ReportMonth" WHERE "month" = '${REFERENCE_MONTH}' FOR UPDATE`;

  it("the case import first: the upload's preview is stale and it is refused; the import's version is current", async () => {
    if (!onPostgres()) return;
    const before = await monthState(REFERENCE_MONTH);
    const cases = await stageCases(REFERENCE_MONTH, 1);
    const upload = await stageAnnex(5);
    // Row-lock waiters are served in order: the import is queued first.
    const [published, refused] = (
      await race(lockMonthRow, 2, async (hold) => {
        const publishing = publishCaseImport(db.prisma, cases, { createdById: adminId });
        await hold.waitFor(1);
        return [
          publishing,
          publishUpload(db.prisma, {
            uploadId: upload,
            actorId: adminId,
            acknowledgeWarnings: true,
            acknowledgeGaps: true,
          }),
        ];
      })
    ).map((r) => settledValue<unknown>(r));
    const next = before.current.number + 1;
    expect(published).toMatchObject({ month: REFERENCE_MONTH, number: next });
    expect(refused).toMatchObject({ ok: false, reason: "stale-preview" });

    const s = await monthState(REFERENCE_MONTH);
    expect(s.versions.map((v) => v.number)).toEqual([...before.versions.map((v) => v.number), next]);
    expect(s.current.caseImport?.id).toBe(cases);
    expect(await s.completed(s.current.id)).toBe(6);
    expect((await db.prisma.upload.findUniqueOrThrow({ where: { id: upload } })).status).toBe("STAGED");
  });

  it("the upload first: both land, the import's version on top, and the upload it replaced is SUPERSEDED", async () => {
    if (!onPostgres()) return;
    const before = await monthState(REFERENCE_MONTH);
    const cases = await stageCases(REFERENCE_MONTH, 2);
    const upload = await stageAnnex(7);
    const [uploaded, published] = (
      await race(lockMonthRow, 2, async (hold) => {
        const uploading = publishUpload(db.prisma, {
          uploadId: upload,
          actorId: adminId,
          acknowledgeWarnings: true,
          acknowledgeGaps: true,
        });
        await hold.waitFor(1);
        return [uploading, publishCaseImport(db.prisma, cases, { createdById: adminId })];
      })
    ).map((r) => settledValue<unknown>(r));
    const n = before.current.number;
    expect(uploaded).toMatchObject({ ok: true, number: n + 1 });
    expect(published).toMatchObject({ number: n + 2 });

    const s = await monthState(REFERENCE_MONTH);
    expect(s.versions.map((v) => v.number)).toEqual([...before.versions.map((v) => v.number), n + 1, n + 2]);
    expect(s.current.number).toBe(n + 2);
    expect(s.current.caseImport?.id).toBe(cases);
    expect(await s.completed(s.current.id)).toBe(7);
    const uploadedVersion = s.versions.find((v) => v.number === n + 1)!;
    expect(uploadedVersion.uploadId).toBe(upload);
    const referenceCompleted = referenceMonth.rows.find((r) => r.unitCode === "d08")!.completed;
    expect(await s.completed(uploadedVersion.id)).toBe(referenceCompleted + 7);
    // The upload no longer shows as the month's published figures: a later version replaced it.
    expect((await db.prisma.upload.findUniqueOrThrow({ where: { id: upload } })).status).toBe("SUPERSEDED");
    expect(Object.fromEntries(s.imports.map((i) => [i.id, i.status]))[cases]).toBe("PUBLISHED");
    // The audit of the case publish names the version it replaced.
    const audit = await db.prisma.auditEvent.findFirstOrThrow({
      where: { month: REFERENCE_MONTH, action: "month.publish", targetType: "CaseImport", targetId: String(cases) },
    });
    expect(audit.details).toMatchObject({ origin: "CASES", number: n + 2, previousVersion: n + 1 });
  });
});
