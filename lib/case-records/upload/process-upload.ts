import "server-only";
// After the last byte: the upload is staged (stage-upload.ts) in a child process of its own,
// one upload at a time (a month's import takes ~15 s of CPU and ~400 MB; two at once would
// double both). In its own process the import neither blocks the event loop that serves pages
// nor grows the server's heap (in the server it peaked at 792 MB), and it runs with the heap
// settings the command line uses (package.json's import:cases).
import { spawn } from "node:child_process";
import path from "node:path";
import { prisma } from "@/lib/db";
import { CASE_HEARTBEAT_MS } from "./limits";

let queue: Promise<unknown> = Promise.resolve();

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
  // Queued uploads keep their heartbeat too, or a long wait would look like a dead server.
  const heartbeat = setInterval(() => {
    void prisma.caseUpload.update({ where: { id }, data: { heartbeatAt: new Date() } }).catch(() => {});
  }, CASE_HEARTBEAT_MS);
  heartbeat.unref?.();
  const run = queue.then(() => stageInChildProcess(id)).finally(() => clearInterval(heartbeat));
  queue = run.catch(() => {});
}

/** Runs scripts/stage-case-upload.ts for the upload and waits for it; a crash leaves the upload FAILED. */
async function stageInChildProcess(id: number): Promise<void> {
  const script = path.join(/*turbopackIgnore: true*/ process.cwd(), "scripts", "stage-case-upload.ts");
  const code = await new Promise<number | null>((resolve) => {
    // react-server: the modules it shares with the server are marked server-only.
    const args = [
      "--conditions=react-server",
      "--max-old-space-size=384",
      "--max-semi-space-size=32",
      "--import",
      "tsx",
      script,
      String(id),
    ];
    const child = spawn(process.execPath, args, { env: process.env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", () => resolve(null));
    child.on("exit", (exitCode) => resolve(exitCode));
  });
  if (code === 0) return;
  await prisma.caseUpload
    .updateMany({
      where: { id, status: "PROCESSING" },
      data: {
        status: "FAILED",
        message: `处理失败：处理进程异常退出（${code ?? "未能启动"}）`,
        processedAt: new Date(),
      },
    })
    .catch(() => {});
}
