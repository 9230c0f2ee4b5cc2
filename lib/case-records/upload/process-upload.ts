import "server-only";
// After the last byte: the upload is staged (stage-upload.ts) in a child process of its own,
// one upload at a time (a month's import takes ~15 s of CPU and ~400 MB; two at once would
// double both). In its own process the import neither blocks the event loop that serves pages
// nor grows the server's heap (in the server it peaked at 792 MB), and it runs with the heap
// settings the command line uses (package.json's import:cases).
//
// The server watches its staging process (issue 19): a watchdog stops one that makes no progress
// (a parse gone quadratic held the one staging lock for 13 minutes), the admin can stop one
// (cancelCaseUpload), and one that dies says how (its signal or exit code). Each way its import's
// tables are dropped; the lock goes with the process's connection. The process itself ends with
// the server (end-with-parent.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { hostname } from "node:os";
import path from "node:path";
import { recordAuditEvent } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { cleanUpStagingLeftovers } from "./leftovers";
import { CASE_HEARTBEAT_MS, CASE_WATCHDOG_MS } from "./limits";
import { ownStaging, stagingRegistry as registry, releaseStaging } from "./staging-registry";
import { killStagingProcess, processAlive } from "./worker-process";

/** The watchdog's limit: CASE_WATCHDOG_SECONDS when set (tests), else CASE_WATCHDOG_MS. */
export function caseWatchdogMs(): number {
  const seconds = Number(process.env.CASE_WATCHDOG_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : CASE_WATCHDOG_MS;
}

/** Stages where rows are not counted: waiting for the lock, and the SQL steps (bounded, linear). */
const NOT_WATCHED = new Set(["queued", "index", "rollup", "done"]);

export const watchdogMessage = (seconds: number, rows: number) =>
  `处理失败：已 ${seconds} 秒没有进展（已读取 ${rows} 行），导入已停止。文件可能有格式问题（例如未闭合的引号），请检查后重新上传。 / ` +
  `Processing failed: no progress for ${seconds} s (${rows} rows read); the import was stopped. The file may be malformed (an unclosed quote, say): check it and upload again.`;

type Ending = { code: number | null; signal: NodeJS.Signals | null } | { error: Error };

export function exitMessage(ending: Ending): string {
  if ("error" in ending)
    return `处理失败：导入进程未能启动（${ending.error.message}）。 / Processing failed: the import process did not start (${ending.error.message}).`;
  const how = ending.signal ? `信号 ${ending.signal}` : `退出码 ${ending.code}`;
  const howEn = ending.signal ? `signal ${ending.signal}` : `exit code ${ending.code}`;
  return (
    `处理失败：导入进程意外终止（${how}），暂存的数据已删除。请放弃此导入并重新上传。 / ` +
    `Processing failed: the import process ended unexpectedly (${howEn}); the staged data was deleted. Discard this import and upload again.`
  );
}

/** Marks the upload PROCESSING (once: only from TRANSFERRING) and queues its staging. */
export async function startCaseProcessing(id: number): Promise<boolean> {
  const claimed = await prisma.caseUpload.updateMany({
    where: { id, status: "TRANSFERRING" },
    data: { status: "PROCESSING", stage: "queued", transferredAt: new Date(), heartbeatAt: new Date() },
  });
  if (claimed.count === 0) return false;
  queueCaseStaging(id);
  return true;
}

/** Queues the staging of an upload already claimed PROCESSING (after the transfer, or again after a mapping). */
export function queueCaseStaging(id: number): void {
  ownStaging(id);
  // Whose it is, so that a later server on this machine knows an orphan when it sees one.
  const owner = prisma.caseUpload
    .updateMany({
      where: { id, status: "PROCESSING" },
      data: { workerHost: hostname(), ownerPid: process.pid, workerPid: null },
    })
    .catch(() => {});
  // Queued uploads keep their heartbeat too, or a long wait would look like a dead server.
  const heartbeat = setInterval(() => {
    void prisma.caseUpload
      .updateMany({ where: { id, status: "PROCESSING" }, data: { heartbeatAt: new Date() } })
      .catch(() => {});
  }, CASE_HEARTBEAT_MS);
  heartbeat.unref?.();
  const run = registry.queue
    .then(() => owner)
    .then(() => stageInChildProcess(id))
    .finally(() => {
      clearInterval(heartbeat);
      releaseStaging(id);
    });
  registry.queue = run.catch(() => {});
}

/** Runs scripts/stage-case-upload.ts for the upload, watches it, and cleans up after it. */
async function stageInChildProcess(id: number): Promise<void> {
  // Cancelled while it waited in the queue: nothing to run (cancelCaseUpload cleaned up).
  const row = await prisma.caseUpload.findUnique({ where: { id }, select: { status: true } });
  if (row?.status !== "PROCESSING") return;
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "stage-case-upload.ts");
  // react-server: the modules it shares with the server are marked server-only.
  const args = [
    "--conditions=react-server",
    "--max-old-space-size=384",
    "--max-semi-space-size=32",
    "--import",
    "tsx",
    script,
    String(id),
    `--parent-pid=${process.pid}`,
  ];
  const child = spawn(process.execPath, args, { env: process.env, stdio: ["ignore", "inherit", "inherit"] });
  let settle = () => {};
  registry.running.set(id, { child, settled: new Promise<void>((resolve) => (settle = resolve)) });
  try {
    const ended = new Promise<Ending>((resolve) => {
      child.once("error", (error) => resolve({ error }));
      child.once("exit", (code, signal) => resolve({ code, signal }));
    });
    if (child.pid)
      await prisma.caseUpload
        .updateMany({ where: { id, status: "PROCESSING" }, data: { workerPid: child.pid } })
        .catch(() => {});
    const stopWatching = watchStaging(id, child);
    const ending = await ended;
    stopWatching();
    // Still PROCESSING: it died without a word (a kill, an out-of-memory). A zero exit always
    // wrote its outcome; anything else did not.
    if ("error" in ending || ending.code !== 0)
      await prisma.caseUpload
        .updateMany({
          where: { id, status: "PROCESSING" },
          data: { status: "FAILED", message: exitMessage(ending), processedAt: new Date() },
        })
        .catch(() => {});
    await cleanUpStagingLeftovers(prisma, id);
  } finally {
    registry.running.delete(id);
    settle();
  }
}

/**
 * Once a second: the upload's row as the staging process writes it. No change of stage, file or
 * rows read for caseWatchdogMs() → FAILED with the watchdog's message, and the process killed (a
 * parse stuck in one synchronous loop answers no signal it could handle). A row no longer
 * PROCESSING because someone else ended it (a cancel on another server) → killed too.
 */
function watchStaging(id: number, child: ChildProcess): () => void {
  const limit = caseWatchdogMs();
  let seen = "";
  let since = Date.now();
  let busy = false;
  const timer = setInterval(
    async () => {
      if (busy) return;
      busy = true;
      try {
        const row = await prisma.caseUpload.findUnique({
          where: { id },
          select: { status: true, stage: true, rowsRead: true, progressFile: true },
        });
        if (!row) return;
        if (row.status === "CANCELLED" || row.status === "FAILED") {
          child.kill("SIGKILL");
          return;
        }
        if (row.status !== "PROCESSING") return;
        const now = `${row.stage}|${row.progressFile}|${row.rowsRead}`;
        if (now !== seen || NOT_WATCHED.has(row.stage ?? "")) {
          seen = now;
          since = Date.now();
          return;
        }
        if (Date.now() - since < limit) return;
        const claimed = await prisma.caseUpload.updateMany({
          where: { id, status: "PROCESSING" },
          data: {
            status: "FAILED",
            message: watchdogMessage(Math.round(limit / 1000), row.rowsRead),
            processedAt: new Date(),
          },
        });
        if (claimed.count > 0) child.kill("SIGKILL");
      } catch {
        // The database is briefly unreachable: look again next time.
      } finally {
        busy = false;
      }
    },
    Math.min(1000, limit / 4),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}

export type CancelResult = { ok: true } | { ok: false; reason: "notFound" | "notRunning" | "changed" };

/**
 * The admin stops a running (or queued) import: one conditional update PROCESSING → CANCELLED
 * with who and when, and its audit event, in one transaction (of two clicks one wins, the other
 * is told it changed); then its staging process is killed and its tables dropped before this
 * returns, so the lock is free for the next import. A staging run by another server is stopped
 * by that server's watchdog, which sees CANCELLED within a second.
 */
export async function cancelCaseUpload(id: number, actorId: number | null): Promise<CancelResult> {
  const upload = await prisma.caseUpload.findUnique({
    where: { id },
    select: {
      status: true,
      month: true,
      stage: true,
      rowsRead: true,
      workerHost: true,
      ownerPid: true,
      workerPid: true,
    },
  });
  if (!upload) return { ok: false, reason: "notFound" };
  if (upload.status !== "PROCESSING") return { ok: false, reason: "notRunning" };
  const now = new Date();
  const claimed = await prisma.$transaction(async (tx) => {
    const changed = await tx.caseUpload.updateMany({
      where: { id, status: "PROCESSING" },
      data: { status: "CANCELLED", cancelledById: actorId, cancelledAt: now, processedAt: now },
    });
    if (changed.count > 0)
      await recordAuditEvent(tx, {
        actorId,
        action: "cases.cancel",
        month: upload.month,
        targetType: "CaseUpload",
        targetId: String(id),
        details: { stage: upload.stage, rowsRead: upload.rowsRead },
      });
    return changed.count > 0;
  });
  if (!claimed) return { ok: false, reason: "changed" };
  const run = registry.running.get(id);
  if (run) {
    run.child.kill("SIGKILL");
    await run.settled; // its exit handler drops the tables
  } else if (registry.owned.has(id) || (upload.workerHost === hostname() && !processAlive(upload.ownerPid))) {
    // Queued here (no process yet), or left by a server on this machine that is gone.
    killStagingProcess(upload.workerPid);
    await cleanUpStagingLeftovers(prisma, id);
  }
  return { ok: true };
}
