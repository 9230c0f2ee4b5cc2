import "server-only";
import { type MonthUnit, statInputs, unitScopeSums } from "@/lib/case-records/import/month-figures";
import { type RowQuery, readRollups } from "@/lib/case-records/import/rollups";
// Reads of the case-import pages (/admin/cases): the list, one upload's progress (also served
// as JSON to the page's poll) and the staged import's preview figures from its rollups. Every
// read first ends the uploads a stopped server left PROCESSING (markStaleCaseUploads).
import type { CaseImportReport } from "@/lib/case-records/import/stage-import";
import { type CaseUploadFile, storedFiles } from "@/lib/case-records/upload/files";
import { expireKeptCaseFiles, markStaleCaseUploads } from "@/lib/case-records/upload/lifecycle";
import { receivedBytes } from "@/lib/case-records/upload/storage";
import { prisma } from "@/lib/db";
import type { AnnexField, UnitKind } from "@/lib/indicators/types";

export type CaseUploadStatusName =
  | "TRANSFERRING"
  | "PROCESSING"
  | "STAGED"
  | "REFUSED"
  | "FAILED"
  | "PUBLISHED"
  | "DISCARDED"
  | "CANCELLED"
  | "SUPERSEDED";

export type CaseUploadProgress = {
  id: number;
  month: string;
  status: CaseUploadStatusName;
  files: Array<CaseUploadFile & { received: number }>;
  stage: string | null;
  rowsRead: number;
  progressFile: string | null;
  message: string | null;
  caseImportId: number | null;
  /** Who stopped it and when (CANCELLED). */
  cancelledBy: string | null;
  cancelledAt: string | null;
};

export async function readCaseUploadProgress(id: number): Promise<CaseUploadProgress | null> {
  await markStaleCaseUploads(prisma);
  const upload = await prisma.caseUpload.findUnique({ where: { id } });
  if (!upload) return null;
  const files = storedFiles(upload.files);
  // Once transferred the files are gone from disk (removed after processing): they were whole.
  const transferred = upload.status !== "TRANSFERRING";
  const withReceived = await Promise.all(
    files.map(async (f, n) => ({ ...f, received: transferred ? f.size : await receivedBytes(id, n) })),
  );
  let status: CaseUploadStatusName = upload.status;
  if (status === "PUBLISHED" && upload.caseImportId) {
    const imported = await prisma.caseImport.findUnique({
      where: { id: upload.caseImportId },
      select: { status: true },
    });
    if (imported?.status === "SUPERSEDED") status = "SUPERSEDED";
  }
  const canceller = upload.cancelledById
    ? await prisma.user.findUnique({ where: { id: upload.cancelledById }, select: { displayName: true } })
    : null;
  return {
    id: upload.id,
    month: upload.month,
    status,
    files: withReceived,
    stage: upload.stage,
    rowsRead: upload.rowsRead,
    progressFile: upload.progressFile,
    message: upload.message,
    caseImportId: upload.caseImportId,
    cancelledBy: canceller?.displayName ?? null,
    cancelledAt: upload.cancelledAt?.toISOString() ?? null,
  };
}

export type CaseUploadListRow = {
  id: number;
  month: string;
  status: CaseUploadStatusName;
  fileNames: string[];
  cases: number;
  evaluations: number;
  items: number;
  errorCount: number | null;
  createdBy: string | null;
  createdAt: Date;
  transferSeconds: number | null;
  processSeconds: number | null;
  versionNumber: number | null;
};

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 100) / 10 : null;

export async function listCaseUploads(take = 50): Promise<CaseUploadListRow[]> {
  await markStaleCaseUploads(prisma);
  await expireKeptCaseFiles(prisma);
  const uploads = await prisma.caseUpload.findMany({ orderBy: { id: "desc" }, take });
  const importIds = uploads.map((u) => u.caseImportId).filter((id): id is number => id !== null);
  const imports = await prisma.caseImport.findMany({
    where: { id: { in: importIds } },
    select: {
      id: true,
      status: true,
      caseCount: true,
      evaluationCount: true,
      itemCount: true,
      report: true,
      version: { select: { number: true } },
    },
  });
  const userIds = uploads.map((u) => u.createdById).filter((id): id is number => id !== null);
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } });
  return uploads.map((u) => {
    const imported = imports.find((i) => i.id === u.caseImportId);
    const report = imported?.report as CaseImportReport | null | undefined;
    return {
      id: u.id,
      month: u.month,
      status: u.status === "PUBLISHED" && imported?.status === "SUPERSEDED" ? "SUPERSEDED" : u.status,
      fileNames: storedFiles(u.files).map((f) => f.name),
      // A refused import counts what it read in its report (nothing was kept).
      cases: imported?.caseCount || report?.cases || 0,
      evaluations: imported?.evaluationCount || report?.evaluations || 0,
      items: imported?.itemCount || report?.items || 0,
      errorCount: report?.errorCount ?? null,
      createdBy: users.find((x) => x.id === u.createdById)?.displayName ?? null,
      createdAt: u.createdAt,
      transferSeconds: seconds(u.createdAt, u.transferredAt),
      processSeconds: seconds(u.transferredAt, u.processedAt),
      versionNumber: imported?.version?.number ?? null,
    };
  });
}

export type CasePreviewRow = { unitId: number; code: string; name: string; kind: UnitKind; seq: number } & Record<
  AnnexField,
  number
>;

export type CaseImportPreview = {
  report: CaseImportReport | null;
  versionNumber: number | null;
  /** Per unit, the annex row the version would hold (empty for a refused import: nothing staged). */
  rows: CasePreviewRow[];
};

export async function readCaseImportPreview(caseImportId: number): Promise<CaseImportPreview | null> {
  const imported = await prisma.caseImport.findUnique({
    where: { id: caseImportId },
    select: { report: true, status: true, version: { select: { number: true } } },
  });
  if (!imported) return null;
  const report = (imported.report as CaseImportReport | null) ?? null;
  if (imported.status === "FAILED") return { report, versionNumber: null, rows: [] };
  const query: RowQuery = <T>(sql: string, params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, ...params);
  const sums = unitScopeSums(await readRollups(query, caseImportId));
  const units = await prisma.unit.findMany({
    select: { id: true, code: true, name: true, kind: true, sortOrder: true, active: true },
  });
  // As publishCaseImport writes them: every active unit, and an inactive one that has records.
  const shown = units.filter((u) => u.active || sums.has(u.id));
  const monthUnits: MonthUnit[] = shown.map((u) => ({ id: u.id, kind: u.kind as UnitKind, sortOrder: u.sortOrder }));
  const rows = statInputs(monthUnits, sums).map((s) => {
    const unit = shown.find((u) => u.id === s.unitId)!;
    return { ...s, unitId: s.unitId, code: unit.code, name: unit.name, kind: unit.kind as UnitKind };
  });
  return { report, versionNumber: imported.version?.number ?? null, rows };
}

export type CliCaseImportRow = {
  id: number;
  month: string;
  status: "STAGED" | "PUBLISHED" | "SUPERSEDED" | "FAILED";
  fileNames: string;
  cases: number;
  evaluations: number;
  items: number;
  createdBy: string | null;
  createdAt: Date;
  seconds: number | null;
};

/** Imports made with `npm run import:cases` (no CaseUpload of the admin pages behind them). */
export async function listCliCaseImports(take = 20): Promise<CliCaseImportRow[]> {
  const linked = await prisma.caseUpload.findMany({
    where: { caseImportId: { not: null } },
    select: { caseImportId: true },
  });
  const imports = await prisma.caseImport.findMany({
    where: { id: { notIn: linked.map((l) => l.caseImportId!) } },
    orderBy: { id: "desc" },
    take,
  });
  const users = await prisma.user.findMany({
    where: { id: { in: imports.map((i) => i.createdById).filter((id): id is number => id !== null) } },
    select: { id: true, displayName: true },
  });
  return imports.map((i) => {
    const timings = (i.report as CaseImportReport | null)?.timings ?? {};
    const total = Object.values(timings).reduce<number>((s, v) => s + (v ?? 0), 0);
    return {
      id: i.id,
      month: i.month,
      status: i.status,
      fileNames: i.fileNames,
      cases: i.caseCount,
      evaluations: i.evaluationCount,
      items: i.itemCount,
      createdBy: users.find((u) => u.id === i.createdById)?.displayName ?? null,
      createdAt: i.createdAt,
      seconds: total > 0 ? Math.round(total * 10) / 10 : null,
    };
  });
}

/** The month of a case upload (its problems CSV is named for it), or null when there is no such upload. */
export async function readCaseUploadMonth(id: number): Promise<{ month: string } | null> {
  return prisma.caseUpload.findUnique({ where: { id }, select: { month: true } });
}

/** What a chunk needs to know of its upload: its state and its files (null: no such upload). */
export function readCaseUploadForTransfer(id: number) {
  return prisma.caseUpload.findUnique({ where: { id }, select: { status: true, files: true } });
}
