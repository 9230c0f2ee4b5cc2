// Staging one transferred upload (lib/case-records/import/stage-import.ts), in the process that runs it:
// scripts/stage-case-upload.ts, started by process-upload.ts in a process of its own so that a
// month's import (~20 s of CPU, ~400 MB) neither blocks the server's pages nor grows its heap.
// Where it is — stage, rows read, a heartbeat — goes on the CaseUpload row, so any page load
// shows it. The transferred files are removed afterwards (the records are in the database, the
// row problems in problems.csv) before the status says so — unless the refusal can be fixed by
// mapping unknown units or headers (mapping.ts): then they stay for the next attempt.

import { recordStoredFileAltered } from "@/lib/audit";
import { type StageProgress, StoredFilesAltered, stageCaseImport } from "@/lib/case-records/import/stage-import";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fill, getMessages } from "@/lib/i18n/messages";
import { storedFiles } from "./files";
import { mappingsToRemember, remappable, storedMappings } from "./mapping";
import { withCaseStagingLock } from "./staging-lock";
import { caseProblemsCsvPath, caseUploadFilePath, removeCaseUploadFiles } from "./storage";

/** Stages one transferred upload and records the outcome on its CaseUpload row. */
export async function stageCaseUpload(prisma: PrismaClient, id: number): Promise<void> {
  const upload = await prisma.caseUpload.findUniqueOrThrow({ where: { id } });
  // Stopped before it started (cancelled while queued): nothing to do.
  if (upload.status !== "PROCESSING") return;
  const files = storedFiles(upload.files);
  const databaseUrl = process.env.DATABASE_URL;
  let lastWrite = 0;
  let lastStage = "";
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = (p: StageProgress) => {
    if (p.stage === "read" && process.env.CASE_STAGING_TEST_HANG === "read") hangForTests();
    const now = Date.now();
    // A row a second is plenty for a progress bar; every stage change is written at once.
    if (p.stage === lastStage && now - lastWrite < 1000) return;
    lastStage = p.stage;
    lastWrite = now;
    pending = pending.then(() =>
      prisma.caseUpload
        .updateMany({
          where: { id, status: "PROCESSING" },
          data: {
            stage: p.stage,
            rowsRead: p.rows ?? undefined,
            progressFile: p.file ?? undefined,
            heartbeatAt: new Date(),
          },
        })
        .catch(() => {}),
    );
  };
  try {
    if (!databaseUrl) throw new Error("DATABASE_URL 未设置");
    const mappings = await mappingsToRemember(prisma, storedMappings(upload));
    // Processed again after a mapping: the kept files must be the ones the refused read hashed.
    const earlier = upload.caseImportId
      ? await prisma.caseImport.findUnique({ where: { id: upload.caseImportId }, select: { sha256: true } })
      : null;
    const result = await withCaseStagingLock(
      databaseUrl,
      () =>
        stageCaseImport({
          databaseUrl,
          month: upload.month,
          files: files.map((f, n) => ({ path: caseUploadFilePath(id, n), name: f.name })),
          createdById: upload.createdById,
          mappings,
          expectedSha256: earlier?.sha256,
          errorsCsvPath: caseProblemsCsvPath(id),
          onProgress,
          onImportCreated: async (caseImportId) => {
            await prisma.caseUpload.update({ where: { id }, data: { caseImportId } });
          },
        }),
      () => onProgress({ stage: "queued" }),
    );
    await pending;
    // A refusal the admin can fix by naming units or columns keeps the files for the next attempt.
    const keep = !result.ok && remappable(result.report);
    if (!keep) await removeCaseUploadFiles(id, files.length).catch(() => {});
    // Conditional: a cancel or the server's watchdog may have ended it meanwhile (the server then
    // drops what was staged).
    await prisma.caseUpload.updateMany({
      where: { id, status: "PROCESSING" },
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
    if (error instanceof StoredFilesAltered) {
      await refuseAlteredFiles(prisma, upload, error);
      return;
    }
    const text = error instanceof Error ? error.message : String(error);
    await prisma.caseUpload
      .updateMany({
        where: { id, status: "PROCESSING" },
        data: { status: "FAILED", message: `处理失败：${text}`, processedAt: new Date() },
      })
      .catch(() => {});
  }
}

/** The kept files were changed since they were read: audited, FAILED with a message in both languages. */
async function refuseAlteredFiles(
  prisma: PrismaClient,
  upload: { id: number; month: string; files: unknown },
  error: StoredFilesAltered,
): Promise<void> {
  const file = storedFiles(upload.files)
    .map((f) => f.name)
    .join(" + ");
  await recordStoredFileAltered(prisma, null, {
    targetType: "CaseUpload",
    targetId: String(upload.id),
    fileName: file,
    month: upload.month,
    expected: error.expected,
    actual: error.actual,
  }).catch((e) => console.error("[cases] could not audit altered files:", e));
  const message = `${fill(getMessages("zh-CN").security.fileAltered, { file })} / ${fill(getMessages("en").security.fileAltered, { file })}`;
  await prisma.caseUpload
    .updateMany({
      where: { id: upload.id, status: "PROCESSING" },
      data: { status: "FAILED", message, processedAt: new Date() },
    })
    .catch(() => {});
}

/**
 * Tests only (CASE_STAGING_TEST_HANG=read): the staging's thread stops dead once rows are being
 * read, its tables made, as a parse stuck in one synchronous loop does — no timer, no signal
 * handler, no IPC runs. The server's watchdog, a cancel or a SIGKILL must end it.
 */
function hangForTests(): never {
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
