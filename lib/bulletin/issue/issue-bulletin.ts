// 印发: an admin issues a month's bulletin. The document as built now, the thresholds and
// texts it used and the bytes of its .docx, .pdf and .xlsx are stored in one BulletinIssue
// row, never updated: every later download of that edition is those bytes. Issuing again
// adds the next edition (第2版 …), which needs a correction note (更正说明).
import { createHash } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit";
import type { Bulletin } from "@/lib/bulletin/build";
import { renderBulletinDocx } from "@/lib/bulletin/render/render-docx";
import { renderBulletinPdf } from "@/lib/bulletin/render/render-pdf";
import { annexXlsx } from "@/lib/export/xlsx";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { syncBulletinTasks } from "@/lib/rectification";
import { loadDraftInputs } from "./draft-inputs";

export const MAX_CORRECTION_NOTE_LENGTH = 500;

export type IssueResult =
  | { ok: true; edition: number; id: number }
  | { ok: false; reason: "noMonth" | "noteRequired" | "noteTooLong" | "conflict" }
  /** The month's current version is the month to date (issue 20): provisional, never issued. */
  | { ok: false; reason: "provisional"; asOf: string };

/** The provisional state of a version (the daily feed's month to date, lib/supervision), or null. */
async function provisionalAsOf(db: PrismaClient | Prisma.TransactionClient, versionId: number): Promise<string | null> {
  const row = await db.provisionalMonth.findUnique({ where: { versionId }, select: { asOf: true } });
  return row ? row.asOf.toISOString().slice(0, 10) : null;
}

class ProvisionalVersionError extends Error {
  constructor(readonly asOf: string) {
    super("provisional");
  }
}

/** Today in China (the bulletin's issue line), as YYYY-MM-DD. */
export function issueDateToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** "第2版。更正说明：…" under the title of every edition after the first. */
export function editionNotice(edition: number, correctionNote: string | null): string | null {
  if (edition <= 1) return null;
  return `第${edition}版。更正说明：${correctionNote ?? ""}`;
}

export async function issueBulletin(
  db: PrismaClient,
  input: { month: string; actorId: number | null; correctionNote?: string | null; now?: Date },
): Promise<IssueResult> {
  const note = input.correctionNote?.trim() || null;
  if (note && note.length > MAX_CORRECTION_NOTE_LENGTH) return { ok: false, reason: "noteTooLong" };
  const draft = await loadDraftInputs(db, input.month);
  if (!draft) return { ok: false, reason: "noMonth" };
  const provisional = await provisionalAsOf(db, draft.versionId);
  if (provisional) return { ok: false, reason: "provisional", asOf: provisional };
  const previous = await db.bulletinIssue.findFirst({
    where: { month: input.month },
    orderBy: { edition: "desc" },
    select: { edition: true },
  });
  const edition = (previous?.edition ?? 0) + 1;
  if (edition > 1 && !note) return { ok: false, reason: "noteRequired" };

  // The issue line prints the texts' date, else today's.
  const texts = { ...draft.texts, issueDate: draft.texts.issueDate ?? issueDateToday(input.now) };
  const built = draft.build({ texts });
  const notice = editionNotice(edition, note);
  const bulletin: Bulletin = notice ? { ...built, notices: [...built.notices, notice] } : built;
  const [docx, pdf, xlsx] = await Promise.all([
    renderBulletinDocx(bulletin),
    renderBulletinPdf(bulletin),
    annexXlsx(input.month, draft.rows),
  ]);
  const xlsxBytes = new Uint8Array(xlsx.bytes);
  try {
    const created = await db.$transaction(async (tx) => {
      // Checked again where it is written: the month to date may have been published meanwhile.
      const asOf = await provisionalAsOf(tx, draft.versionId);
      if (asOf) throw new ProvisionalVersionError(asOf);
      const row = await tx.bulletinIssue.create({
        data: {
          month: input.month,
          edition,
          correctionNote: note,
          issuedById: input.actorId,
          versionId: draft.versionId,
          versionNumber: draft.versionNumber,
          textsVersion: draft.textsVersion,
          document: bulletin as unknown as Prisma.InputJsonValue,
          settings: draft.settings as unknown as Prisma.InputJsonValue,
          texts: texts as unknown as Prisma.InputJsonValue,
          docx: new Uint8Array(docx),
          pdf: new Uint8Array(pdf),
          xlsx: xlsxBytes,
          docxSha256: sha256(docx),
          pdfSha256: sha256(pdf),
          xlsxSha256: sha256(xlsxBytes),
        },
        select: { id: true },
      });
      await recordAuditEvent(tx, {
        actorId: input.actorId,
        action: "bulletin.issue",
        month: input.month,
        targetType: "BulletinIssue",
        targetId: `${input.month} 第${edition}版`,
        details: {
          edition,
          versionNumber: draft.versionNumber,
          textsVersion: draft.textsVersion,
          correctionNote: note,
          issueDate: texts.issueDate,
        },
      });
      // 整改: one task per unit per problem the edition names; a correction withdraws or adds (issue 21).
      await syncBulletinTasks(tx, {
        month: input.month,
        edition,
        bulletinIssueId: row.id,
        problems: bulletin.problems,
        correctionNote: note,
        actorId: input.actorId,
        now: input.now,
      });
      return row;
    });
    return { ok: true, edition, id: created.id };
  } catch (error) {
    if (error instanceof ProvisionalVersionError) return { ok: false, reason: "provisional", asOf: error.asOf };
    // Two admins issuing at the same moment: the unique (month, edition) lets one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return { ok: false, reason: "conflict" };
    throw error;
  }
}
