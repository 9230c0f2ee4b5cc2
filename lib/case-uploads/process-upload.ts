import "server-only";
// After the last byte: the server stages the files (lib/cases/stage-import.ts) in this process,
// one upload at a time (a month's import takes ~40 s and ~350 MB; two at once would double
// both), and writes where it is to the CaseUpload row — stage, rows read, a heartbeat — so
// any page load shows it. The transferred files are removed afterwards (the records are in the
// database, the row problems in problems.csv) before the status says so.
import { prisma } from "@/lib/db";
import { stageCaseImport, type StageProgress } from "@/lib/cases/stage-import";
import { storedFiles } from "./files";
import { CASE_HEARTBEAT_MS } from "./limits";
import { caseProblemsCsvPath, caseUploadFilePath, removeCaseUploadFiles } from "./storage";

let queue: Promise<unknown> = Promise.resolve();

/** Marks the upload PROCESSING (once: only from TRANSFERRING) and queues its staging. */
export async function startCaseProcessing(id: number): Promise<boolean> {
  const claimed = await prisma.caseUpload.updateMany({
    where: { id, status: "TRANSFERRING" },
    data: { status: "PROCESSING", stage: "queued", transferredAt: new Date(), heartbeatAt: new Date() },
  });
  if (claimed.count === 0) return false;
  // Queued uploads keep their heartbeat too, or a long wait would look like a dead server.
  const heartbeat = setInterval(() => {
    void prisma.caseUpload.update({ where: { id }, data: { heartbeatAt: new Date() } }).catch(() => {});
  }, CASE_HEARTBEAT_MS);
  heartbeat.unref?.();
  const run = queue.then(() => processCaseUpload(id)).finally(() => clearInterval(heartbeat));
  queue = run.catch(() => {});
  return true;
}

async function processCaseUpload(id: number): Promise<void> {
  const upload = await prisma.caseUpload.findUniqueOrThrow({ where: { id } });
  const files = storedFiles(upload.files);
  const databaseUrl = process.env.DATABASE_URL;
  let lastWrite = 0;
  let lastStage = "";
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = (p: StageProgress) => {
    const now = Date.now();
    // A row a second is plenty for a progress bar; every stage change is written at once.
    if (p.stage === lastStage && now - lastWrite < 1000) return;
    lastStage = p.stage;
    lastWrite = now;
    pending = pending.then(() =>
      prisma.caseUpload
        .update({
          where: { id },
          data: { stage: p.stage, rowsRead: p.rows ?? undefined, progressFile: p.file ?? undefined, heartbeatAt: new Date() },
        })
        .catch(() => {}),
    );
  };
  try {
    if (!databaseUrl) throw new Error("DATABASE_URL 未设置");
    const result = await stageCaseImport({
      databaseUrl,
      month: upload.month,
      files: files.map((f, n) => ({ path: caseUploadFilePath(id, n), name: f.name })),
      createdById: upload.createdById,
      errorsCsvPath: caseProblemsCsvPath(id),
      onProgress,
      onImportCreated: async (caseImportId) => {
        await prisma.caseUpload.update({ where: { id }, data: { caseImportId } });
      },
    });
    await pending;
    await removeCaseUploadFiles(id, files.length).catch(() => {});
    await prisma.caseUpload.update({
      where: { id },
      data: {
        status: result.ok ? "STAGED" : "REFUSED",
        stage: "done",
        rowsRead: result.report.cases + result.report.evaluations + result.report.items,
        processedAt: new Date(),
        caseImportId: result.importId,
      },
    });
  } catch (error) {
    await pending;
    await removeCaseUploadFiles(id, files.length).catch(() => {});
    const text = error instanceof Error ? error.message : String(error);
    await prisma.caseUpload
      .update({ where: { id }, data: { status: "FAILED", message: `处理失败：${text}`, processedAt: new Date() } })
      .catch(() => {});
  }
}
