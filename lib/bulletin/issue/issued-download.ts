// The bulletin's downloads (/api/reports/[month]/…) serve the issued edition's stored bytes
// when the month is issued (the newest edition, or ?edition=N), byte-identical at every
// download; ?draft=1, or a month not issued yet, builds the file from today's data.
import "server-only";
import { prisma } from "@/lib/db";
import { getIssueFile, type IssueFileKind } from "./read-issues";

export type DownloadChoice = { draft: boolean; edition: number | null };

export function downloadChoice(request: Request): DownloadChoice | null {
  const params = new URL(request.url).searchParams;
  const edition = params.get("edition");
  if (edition !== null && !/^[1-9]\d{0,3}$/.test(edition)) return null;
  return { draft: params.get("draft") === "1", edition: edition === null ? null : Number(edition) };
}

/** The issued bytes to serve, null to build the draft, or "notFound" for an edition that does not exist. */
export async function issuedBytes(
  month: string,
  kind: IssueFileKind,
  choice: DownloadChoice,
): Promise<Uint8Array | null | "notFound"> {
  if (choice.draft) return null;
  const file = await getIssueFile(prisma, month, kind, choice.edition);
  if (file) return file.bytes;
  return choice.edition === null ? null : "notFound";
}
