// The bulletin's downloads (/api/reports/[month]/…) serve the issued edition's stored bytes
// when the month is issued (the newest edition, or ?edition=N), byte-identical at every
// download; ?draft=1, or a month not issued yet, builds the file from today's data. The stored
// bytes are checked against the SHA-256 recorded when the edition was issued (issue 22,
// 数据完整性): bytes changed since are never served, and the refusal is audited.
import "server-only";
import { createHash } from "node:crypto";
import { recordStoredFileAltered } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { getIssueFile, type IssueFileKind } from "./read-issues";

export type DownloadChoice = { draft: boolean; edition: number | null };

export function downloadChoice(request: Request): DownloadChoice | null {
  const params = new URL(request.url).searchParams;
  const edition = params.get("edition");
  if (edition !== null && !/^[1-9]\d{0,3}$/.test(edition)) return null;
  return { draft: params.get("draft") === "1", edition: edition === null ? null : Number(edition) };
}

/** An issued file whose bytes no longer hash to the SHA-256 recorded when it was issued. */
export type AlteredIssueFile = { altered: true; edition: number };

/**
 * The issued bytes to serve, null to build the draft, "notFound" for an edition that does not
 * exist, or `altered` when the stored bytes fail their check (audited as file.integrityFailed,
 * with `fileName` and the reader's account).
 */
export async function issuedBytes(
  month: string,
  kind: IssueFileKind,
  choice: DownloadChoice,
  reader: { actorId: number | null; fileName: string },
): Promise<Uint8Array | null | "notFound" | AlteredIssueFile> {
  if (choice.draft) return null;
  const file = await getIssueFile(prisma, month, kind, choice.edition);
  if (!file) return choice.edition === null ? null : "notFound";
  const actual = createHash("sha256").update(file.bytes).digest("hex");
  if (actual === file.sha256) return file.bytes;
  await recordStoredFileAltered(prisma, reader.actorId, {
    targetType: "BulletinIssue",
    targetId: String(file.id),
    fileName: reader.fileName,
    month,
    expected: file.sha256,
    actual,
  });
  return { altered: true, edition: file.edition };
}
