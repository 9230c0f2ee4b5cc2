// Where a case upload's files live while they arrive and are processed: CASE_UPLOAD_DIR
// (default .data/case-uploads), one directory per upload, file n as "<n>.part", the row
// problems as problems.csv. (Not server-only: the orphan clean-up at server start, leftovers.ts, uses it.) The received byte count of a file is its size on disk, so a
// resumed transfer continues where the disk says, whatever the browser believed.
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";

export function caseUploadRoot(): string {
  // A runtime directory, not a source path: kept out of the build's file tracing.
  return path.resolve(/*turbopackIgnore: true*/ process.env.CASE_UPLOAD_DIR ?? ".data/case-uploads");
}
export function caseUploadDir(id: number): string {
  return path.join(caseUploadRoot(), String(id));
}
export function caseUploadFilePath(id: number, n: number): string {
  return path.join(caseUploadDir(id), `${n}.part`);
}
export function caseProblemsCsvPath(id: number): string {
  return path.join(caseUploadDir(id), "problems.csv");
}

export async function ensureCaseUploadDir(id: number): Promise<void> {
  await mkdir(caseUploadDir(id), { recursive: true });
}

export async function receivedBytes(id: number, n: number): Promise<number> {
  try {
    return (await stat(caseUploadFilePath(id, n))).size;
  } catch {
    return 0;
  }
}

/** Removes the transferred files (the records are in the database by then), keeps problems.csv. */
export async function removeCaseUploadFiles(id: number, count: number): Promise<void> {
  for (let n = 0; n < count; n++) await rm(caseUploadFilePath(id, n), { force: true });
}

export async function removeCaseUploadDir(id: number): Promise<void> {
  await rm(caseUploadDir(id), { recursive: true, force: true });
}
