// Verifies the audit chain (npm run audit:verify, the auditor's page): every event from the first
// one still in the table (after the archived ones) to the chain's head, in seq order, and every
// archive file it finds. Reports the first broken link: the event whose hash does not follow from
// the one before (changed, or slipped in without the key), a gap, an event without a hash written
// after the chain began, or a head that does not match the last event.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { algorithmOf, auditKey, eventHash, GENESIS, signBytes } from "./chain";

export type BrokenLink = { seq: number | null; id: number | null; reason: string };

export type ChainReport = {
  ok: boolean;
  /** Events checked in the table. */
  checked: number;
  /** Events written before the chain began (no hash). */
  legacy: number;
  head: { seq: number; hash: string };
  archives: { count: number; events: number; filesChecked: number; filesMissing: string[] };
  firstBroken: BrokenLink | null;
  verifiedAt: Date;
};

const BATCH = 2_000;

export type VerifyOptions = { key?: Buffer; archiveDir?: string | null };

export async function verifyAuditChain(db: PrismaClient, options: VerifyOptions = {}): Promise<ChainReport> {
  const key = options.key ?? auditKey();
  const headRow = await db.auditChain.findUnique({ where: { id: 1 } });
  const head = { seq: headRow?.seq ?? 0, hash: headRow?.hash ?? GENESIS };
  const legacyMaxId = headRow?.legacyMaxId ?? 0;
  const report: ChainReport = {
    ok: true,
    checked: 0,
    legacy: 0,
    head,
    archives: { count: 0, events: 0, filesChecked: 0, filesMissing: [] },
    firstBroken: null,
    verifiedAt: new Date(),
  };
  const broken = (link: BrokenLink): ChainReport => ({ ...report, ok: false, firstBroken: link });
  if (!headRow) return broken({ seq: null, id: null, reason: "no chain head (AuditChain row 1)" });

  // The archives: contiguous, each continuing from the one before; their files when present.
  let previous = GENESIS;
  let expected = 1;
  const archives = await db.auditArchive.findMany({ orderBy: { toSeq: "asc" } });
  for (const archive of archives) {
    if (archive.fromSeq !== expected || archive.prevHash !== previous)
      return broken({
        seq: archive.fromSeq,
        id: null,
        reason: `archive ${archive.fileName} does not continue the chain`,
      });
    if (options.archiveDir) {
      const file = path.join(options.archiveDir, archive.fileName);
      if (existsSync(file)) {
        const problem = verifyArchiveFile(file, key, archive);
        if (problem) return broken({ seq: archive.fromSeq, id: null, reason: problem });
        report.archives.filesChecked++;
      } else report.archives.filesMissing.push(archive.fileName);
    }
    report.archives.count++;
    report.archives.events += archive.eventCount;
    previous = archive.lastHash;
    expected = archive.toSeq + 1;
  }

  // An event without a hash after the chain began was not written by recordAuditEvent.
  const unchained = await db.auditEvent.findFirst({
    where: { seq: null, id: { gt: legacyMaxId } },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  report.legacy = await db.auditEvent.count({ where: { seq: null, id: { lte: legacyMaxId } } });

  let after = expected - 1;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const seq = row.seq as number;
      if (seq !== expected)
        return broken({ seq: expected, id: null, reason: `event ${expected} is missing (next is ${seq})` });
      const algorithm = row.hash ? algorithmOf(row.hash) : null;
      const recomputed =
        algorithm &&
        eventHash(
          previous,
          {
            seq,
            at: row.at,
            actorId: row.actorId,
            action: row.action,
            month: row.month,
            targetType: row.targetType,
            targetId: row.targetId,
            details: row.details,
          },
          key,
          algorithm,
        );
      if (!recomputed || recomputed !== row.hash)
        return broken({ seq, id: row.id, reason: "the hash does not follow from the previous event and its fields" });
      report.checked++;
      previous = row.hash;
      expected++;
      after = seq;
    }
    if (rows.length < BATCH) break;
  }
  if (unchained)
    return broken({ seq: null, id: unchained.id, reason: "an event without a hash after the chain began" });
  if (head.seq !== expected - 1 || head.hash !== previous)
    return broken({
      seq: head.seq,
      id: null,
      reason: `the head (seq ${head.seq}) does not match the last event (seq ${expected - 1})`,
    });
  return report;
}

export type ArchiveHeader = {
  format: "gov-dashboard-audit-archive/1";
  fromSeq: number;
  toSeq: number;
  prevHash: string;
  lastHash: string;
  eventCount: number;
};

/** Checks an archive file: its sha256, its signature, and the chain of its events. Null when sound. */
export function verifyArchiveFile(
  file: string,
  key: Buffer,
  expected?: { fileSha256: string; signature: string; prevHash: string; lastHash: string },
): string | null {
  const bytes = readFileSync(file);
  const name = path.basename(file);
  if (expected && createHash("sha256").update(bytes).digest("hex") !== expected.fileSha256)
    return `archive ${name}: its SHA-256 is not the recorded one`;
  const sigFile = `${file}.sig`;
  const signature = expected?.signature ?? (existsSync(sigFile) ? readFileSync(sigFile, "utf8").trim() : "");
  const algorithm = algorithmOf(signature);
  if (!algorithm || signBytes(bytes, key, algorithm) !== signature)
    return `archive ${name}: the signature does not match`;
  const lines = bytes
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "");
  const header = JSON.parse(lines[0] ?? "{}") as ArchiveHeader;
  if (expected && (header.prevHash !== expected.prevHash || header.lastHash !== expected.lastHash))
    return `archive ${name}: its header is not the recorded one`;
  let previous = header.prevHash;
  let seq = header.fromSeq;
  for (const line of lines.slice(1)) {
    const row = JSON.parse(line) as {
      seq: number;
      at: string;
      actorId: number | null;
      action: string;
      month: string | null;
      targetType: string | null;
      targetId: string | null;
      details: unknown;
      hash: string;
    };
    const rowAlgorithm = algorithmOf(row.hash);
    if (row.seq !== seq || !rowAlgorithm) return `archive ${name}: event ${seq} is missing`;
    const recomputed = eventHash(previous, { ...row, at: new Date(row.at) }, key, rowAlgorithm);
    if (recomputed !== row.hash) return `archive ${name}: event ${row.seq} does not follow from the one before`;
    previous = row.hash;
    seq++;
  }
  if (seq - 1 !== header.toSeq || previous !== header.lastHash)
    return `archive ${name}: it does not end at its last hash`;
  return null;
}
