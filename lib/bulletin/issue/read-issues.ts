// Reading issued bulletins: the editions of a month, one edition's document, one of its
// stored downloads (the bytes as issued).

import type { Bulletin } from "@/lib/bulletin/build";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type IssueFileKind = "docx" | "pdf" | "xlsx";

export type IssueSummary = {
  edition: number;
  issuedAt: Date;
  issuedBy: string | null;
  correctionNote: string | null;
  versionNumber: number;
  textsVersion: number | null;
  issueDate: string | null;
  sha256: Record<IssueFileKind, string>;
};

/** Every edition of a month, newest first. */
export async function listIssues(db: PrismaClient, month: string): Promise<IssueSummary[]> {
  const rows = await db.bulletinIssue.findMany({
    where: { month },
    orderBy: { edition: "desc" },
    select: {
      edition: true,
      issuedAt: true,
      issuedById: true,
      correctionNote: true,
      versionNumber: true,
      textsVersion: true,
      texts: true,
      docxSha256: true,
      pdfSha256: true,
      xlsxSha256: true,
    },
  });
  const ids = [...new Set(rows.map((r) => r.issuedById).filter((id): id is number => id !== null))];
  const users = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } })).map((u) => [
      u.id,
      u.username,
    ]),
  );
  return rows.map((r) => ({
    edition: r.edition,
    issuedAt: r.issuedAt,
    issuedBy: r.issuedById === null ? null : (users.get(r.issuedById) ?? null),
    correctionNote: r.correctionNote,
    versionNumber: r.versionNumber,
    textsVersion: r.textsVersion,
    issueDate: (r.texts as { issueDate?: string | null } | null)?.issueDate ?? null,
    sha256: { docx: r.docxSha256, pdf: r.pdfSha256, xlsx: r.xlsxSha256 },
  }));
}

export type IssuedBulletin = {
  edition: number;
  issuedAt: Date;
  correctionNote: string | null;
  versionId: number;
  versionNumber: number;
  textsVersion: number | null;
  document: Bulletin;
  settings: unknown;
  texts: unknown;
};

/** One edition (the newest when `edition` is null), or null when the month was never issued. */
export async function getIssuedBulletin(
  db: PrismaClient,
  month: string,
  edition: number | null = null,
): Promise<IssuedBulletin | null> {
  const row = await db.bulletinIssue.findFirst({
    where: edition === null ? { month } : { month, edition },
    orderBy: { edition: "desc" },
    select: {
      edition: true,
      issuedAt: true,
      correctionNote: true,
      versionId: true,
      versionNumber: true,
      textsVersion: true,
      document: true,
      settings: true,
      texts: true,
    },
  });
  if (!row) return null;
  return { ...row, document: row.document as unknown as Bulletin };
}

/**
 * The bytes of one download of one edition (the newest when `edition` is null), exactly as issued,
 * with the SHA-256 recorded when it was issued (the reader checks them: issued-download.ts).
 */
export async function getIssueFile(
  db: PrismaClient,
  month: string,
  kind: IssueFileKind,
  edition: number | null = null,
): Promise<{ id: number; edition: number; bytes: Uint8Array; sha256: string } | null> {
  const row = await db.bulletinIssue.findFirst({
    where: edition === null ? { month } : { month, edition },
    orderBy: { edition: "desc" },
    select: {
      id: true,
      edition: true,
      docx: kind === "docx",
      pdf: kind === "pdf",
      xlsx: kind === "xlsx",
      docxSha256: kind === "docx",
      pdfSha256: kind === "pdf",
      xlsxSha256: kind === "xlsx",
    },
  });
  const bytes = row?.[kind];
  const sha256 = row?.[`${kind}Sha256`];
  return row && bytes && sha256 ? { id: row.id, edition: row.edition, bytes, sha256 } : null;
}
