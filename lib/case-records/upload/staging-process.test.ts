// The staging process under trouble (issue 19, items 2 and 10), on a real PostgreSQL with the
// real staging process (scripts/stage-case-upload.ts) started by the server code under test. A
// test hook (CASE_STAGING_TEST_HANG=read) stops the staging's thread dead once its tables exist,
// as a parse stuck in one synchronous loop does. Checked each time: the upload's status and
// message, the import's tables gone, the staging lock free for the next import.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { signInAs as as } from "@/test/helpers/session-stand-in";
import { CASE_STAGING_LOCK_KEY } from "./staging-lock";
import { processAlive } from "./worker-process";

const ON_EMBEDDED = !(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL);
let db: TestDatabase;
const dir = mkdtempSync(path.join(tmpdir(), "case-staging-"));

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);
vi.mock("next/navigation", async () => (await import("@/test/helpers/next-stand-ins")).nextNavigation);

beforeAll(async () => {
  if (ON_EMBEDDED) return;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.CASE_UPLOAD_DIR = dir;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
});
afterAll(async () => {
  delete process.env.CASE_STAGING_TEST_HANG;
  delete process.env.CASE_WATCHDOG_SECONDS;
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const CASES =
  "办件编号,事项编码,事项名称,实施主体,办件类型,法定办结时限（工作日）,承诺办结时限（工作日）,申请方式,是否批量件,申请时间,受理时间,办结时间\n" +
  "G1,A1,户籍迁移,市公安局,承诺件,20,5,网上申请,否,2019-06-10 09:00:00,2019-06-10 10:00:00,2019-06-12 10:00:00\n" +
  "X1,B1,低保,宣汉县,即办件,1,,窗口申请,否,2019-06-11 09:00:00,2019-06-11 09:00:00,2019-06-11 10:00:00\n";

/** An upload whose files have arrived, its processing started the way the last chunk starts it. */
async function transferred(month = "2019-06"): Promise<number> {
  const { createCaseUpload } = await import("./lifecycle");
  const { ensureCaseUploadDir, caseUploadFilePath } = await import("./storage");
  const { writeFile } = await import("node:fs/promises");
  const bytes = Buffer.from(CASES);
  const upload = await createCaseUpload({ month, files: [{ name: "办件.csv", size: bytes.length }], createdById: 1 });
  await ensureCaseUploadDir(upload.id);
  await writeFile(caseUploadFilePath(upload.id, 0), bytes);
  const { startCaseProcessing } = await import("./process-upload");
  expect(await startCaseProcessing(upload.id)).toBe(true);
  return upload.id;
}

const row = (id: number) => db.prisma.caseUpload.findUniqueOrThrow({ where: { id } });

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The staging has made its import's tables and is stuck in them (the hook). */
async function stuckWithTables(id: number) {
  const upload = await until(
    "the staging process and its import",
    () => row(id),
    (u) => u.caseImportId !== null && u.workerPid !== null,
  );
  await until("the import's table", () => tableExists(upload.caseImportId!), Boolean);
  return upload as typeof upload & { caseImportId: number; workerPid: number };
}

async function tableExists(importId: number): Promise<boolean> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ t: string | null }>>(
    `SELECT to_regclass('"Case_import_${importId}"')::text AS t`,
  );
  return rows[0]?.t != null;
}

/** Free when another connection can take it at once (then it lets go). */
async function lockFree(): Promise<boolean> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [CASE_STAGING_LOCK_KEY]);
    return got.rows[0]!.ok;
  } finally {
    await client.end();
  }
}

const hang = (on: boolean) => {
  if (on) process.env.CASE_STAGING_TEST_HANG = "read";
  else delete process.env.CASE_STAGING_TEST_HANG;
};

describe.skipIf(ON_EMBEDDED)("the staging process: watchdog, cancel, a killed process, a killed server", () => {
  it("the watchdog stops a staging that makes no progress: FAILED with its message, tables dropped, lock free", async () => {
    as("SYSTEM_ADMIN");
    hang(true);
    process.env.CASE_WATCHDOG_SECONDS = "2";
    try {
      const id = await transferred();
      const stuck = await stuckWithTables(id);
      expect(await lockFree()).toBe(false); // the stuck staging holds it
      const failed = await until(
        "FAILED",
        () => row(id),
        (u) => u.status === "FAILED",
      );
      expect(failed.message).toContain("已 2 秒没有进展");
      expect(failed.message).toContain("导入已停止");
      expect(failed.message).toContain("no progress for 2 s");
      await until(
        "the process gone",
        async () => processAlive(stuck.workerPid),
        (alive) => !alive,
      );
      await until(
        "the tables dropped",
        () => tableExists(stuck.caseImportId),
        (t) => !t,
      );
      // The tables go first, then the import is marked FAILED.
      await until(
        "the import FAILED",
        () => db.prisma.caseImport.findUniqueOrThrow({ where: { id: stuck.caseImportId } }),
        (i) => i.status === "FAILED",
      );
      expect(await until("the lock free", lockFree, Boolean)).toBe(true);
    } finally {
      hang(false);
      delete process.env.CASE_WATCHDOG_SECONDS;
    }
  }, 120_000);

  it("the admin cancels a running import: one of two clicks wins, process killed, tables dropped, lock free, audited; the next import stages", async () => {
    hang(true);
    const id = await transferred();
    const stuck = await stuckWithTables(id);
    hang(false);
    const { cancelCaseUploadAction } = await import("@/lib/case-records/actions/case-import-actions");
    const form = new FormData();
    form.set("uploadId", String(id));
    as("OFFICIAL");
    expect(await cancelCaseUploadAction({}, form)).toEqual({ message: "您没有执行此操作的权限。" });
    expect((await row(id)).status).toBe("PROCESSING");
    as("SYSTEM_ADMIN");
    const clicks = await Promise.allSettled([cancelCaseUploadAction({}, form), cancelCaseUploadAction({}, form)]);
    const redirected = clicks.filter((c) => c.status === "rejected");
    expect(redirected).toHaveLength(1);
    expect((redirected[0] as PromiseRejectedResult).reason).toMatchObject({ url: `/admin/cases/${id}` });
    expect(clicks.find((c) => c.status === "fulfilled")).toMatchObject({
      value: { message: "导入状态已变化，请刷新页面。" },
    });
    // By the time the action returns, the staging is gone and so is everything it staged.
    const cancelled = await row(id);
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelledById: 1 });
    expect(Date.now() - cancelled.cancelledAt!.getTime()).toBeLessThan(30_000);
    expect(processAlive(stuck.workerPid)).toBe(false);
    expect(await tableExists(stuck.caseImportId)).toBe(false);
    expect(await lockFree()).toBe(true);
    expect(existsSync(path.join(dir, String(id)))).toBe(false);
    const audits = await db.prisma.auditEvent.findMany({
      where: { action: "cases.cancel", targetId: String(id) },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: 1, targetType: "CaseUpload", month: "2019-06" });
    const { readCaseUploadProgress } = await import("./case-uploads");
    expect(await readCaseUploadProgress(id)).toMatchObject({ status: "CANCELLED", cancelledBy: expect.any(String) });
    // Not running any more: a third click is told so.
    expect(await cancelCaseUploadAction({}, form)).toEqual({ message: "只能停止正在处理的导入。" });

    const next = await transferred();
    expect(
      (
        await until(
          "the next import",
          () => row(next),
          (u) => u.status !== "PROCESSING",
        )
      ).status,
    ).toBe("STAGED");
  }, 120_000);

  it("a staging process killed with SIGKILL: FAILED saying so (not 未能启动), tables dropped, lock free", async () => {
    as("SYSTEM_ADMIN");
    hang(true);
    try {
      const id = await transferred();
      const stuck = await stuckWithTables(id);
      process.kill(stuck.workerPid, "SIGKILL");
      const failed = await until(
        "FAILED",
        () => row(id),
        (u) => u.status === "FAILED",
      );
      expect(failed.message).toContain("导入进程意外终止（信号 SIGKILL）");
      expect(failed.message).not.toContain("未能启动");
      await until(
        "the tables dropped",
        () => tableExists(stuck.caseImportId),
        (t) => !t,
      );
      expect(await lockFree()).toBe(true);
    } finally {
      hang(false);
    }
  }, 120_000);

  it("kill -9 of the server: its staging process ends with it, and the clean-up at the next start fails the upload and drops its tables", async () => {
    as("SYSTEM_ADMIN");
    const { createCaseUpload } = await import("./lifecycle");
    const { ensureCaseUploadDir, caseUploadFilePath } = await import("./storage");
    const { writeFile } = await import("node:fs/promises");
    const bytes = Buffer.from(CASES);
    const upload = await createCaseUpload({
      month: "2019-06",
      files: [{ name: "办件.csv", size: bytes.length }],
      createdById: 1,
    });
    await ensureCaseUploadDir(upload.id);
    await writeFile(caseUploadFilePath(upload.id, 0), bytes);
    // A stand-in for the web server: the same code starts the staging, then the process is killed.
    const server: ChildProcess = spawn(
      process.execPath,
      [
        "--conditions=react-server",
        "--import",
        "tsx",
        path.join(process.cwd(), "test/fixtures/case-staging-server.ts"),
        String(upload.id),
      ],
      {
        env: { ...process.env, CASE_STAGING_TEST_HANG: "read" },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    try {
      const stuck = await stuckWithTables(upload.id);
      expect((await row(upload.id)).ownerPid).toBe(server.pid);
      server.kill("SIGKILL");
      await until(
        "the orphaned staging process gone",
        async () => processAlive(stuck.workerPid),
        (a) => !a,
        10_000,
      );
      expect(await until("the lock free", lockFree, Boolean)).toBe(true);
      expect((await row(upload.id)).status).toBe("PROCESSING"); // nobody has looked yet
      const { cleanUpOrphanedCaseStaging, ORPHAN_MESSAGE } = await import("./leftovers");
      expect(await cleanUpOrphanedCaseStaging(db.prisma)).toBe(1);
      expect(await row(upload.id)).toMatchObject({ status: "FAILED", message: ORPHAN_MESSAGE });
      expect(await tableExists(stuck.caseImportId)).toBe(false);
      expect(await cleanUpOrphanedCaseStaging(db.prisma)).toBe(0);
    } finally {
      server.kill("SIGKILL");
    }
  }, 120_000);
});
