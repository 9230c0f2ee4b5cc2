// Retention (issue 22): events older than the retention (AUDIT_RETENTION_DAYS, never below 180)
// leave the table only after they are written to a signed archive file (JSON lines: a header,
// then one event per line with its hash; beside it <file>.sig, the HMAC of its bytes with the
// audit key) and recorded in AuditArchive, from whose last hash the chain in the table
// continues. The delete goes through audit_archive_delete, the one path the database's trigger
// lets delete events (docs/audit.md). npm run audit:archive.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditKey, GENESIS, signBytes } from "./chain";
import { appendAuditEvent } from "./record-audit-event";
import type { ArchiveHeader } from "./verify-chain";

export const MIN_RETENTION_DAYS = 180;
const DAY_MS = 24 * 3600 * 1000;
/** At most this many events per file; a run archives one file (run again for more). */
export const MAX_EVENTS_PER_ARCHIVE = 50_000;

/** AUDIT_RETENTION_DAYS (default and floor 180). A value below the floor is refused, not raised. */
export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUDIT_RETENTION_DAYS;
  if (raw === undefined || raw === "") return MIN_RETENTION_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS)
    throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days, at least ${MIN_RETENTION_DAYS}`);
  return days;
}

export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.AUDIT_ARCHIVE_DIR ?? ".data/audit-archive");
}

export type ArchiveResult = { fileName: string; fromSeq: number; toSeq: number; eventCount: number } | null;

export async function archiveAuditEvents(
  db: PrismaClient,
  options: { days: number; dir: string; now?: Date; actorId?: number | null },
): Promise<ArchiveResult> {
  if (!Number.isInteger(options.days) || options.days < MIN_RETENTION_DAYS)
    throw new Error(`the retention is at least ${MIN_RETENTION_DAYS} days`);
  const key = auditKey();
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.days * DAY_MS);
  return db.$transaction(
    async (tx) => {
      // One archiver at a time (writers of new events are not held up).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7232022)`;
      const last = await tx.auditArchive.findFirst({ orderBy: { toSeq: "desc" } });
      const fromSeq = (last?.toSeq ?? 0) + 1;
      const prevHash = last?.lastHash ?? GENESIS;
      const candidates = await tx.auditEvent.findMany({
        where: { seq: { gte: fromSeq } },
        orderBy: { seq: "asc" },
        take: MAX_EVENTS_PER_ARCHIVE,
      });
      // The run of events from fromSeq that are all past the retention (seq order is time order).
      const rows: typeof candidates = [];
      for (const row of candidates) {
        if (row.seq !== fromSeq + rows.length || row.at >= cutoff || !row.hash) break;
        rows.push(row);
      }
      if (rows.length === 0) return null;
      const toSeq = fromSeq + rows.length - 1;
      const lastHash = rows[rows.length - 1]!.hash as string;
      const header: ArchiveHeader = {
        format: "gov-dashboard-audit-archive/1",
        fromSeq,
        toSeq,
        prevHash,
        lastHash,
        eventCount: rows.length,
      };
      const lines = [JSON.stringify(header)];
      for (const row of rows)
        lines.push(
          JSON.stringify({
            id: row.id,
            seq: row.seq,
            at: row.at.toISOString(),
            actorId: row.actorId,
            action: row.action,
            month: row.month,
            targetType: row.targetType,
            targetId: row.targetId,
            details: row.details,
            hash: row.hash,
          }),
        );
      const bytes = Buffer.from(`${lines.join("\n")}\n`, "utf8");
      const signature = signBytes(bytes, key);
      const fileName = `audit-${String(fromSeq).padStart(10, "0")}-${String(toSeq).padStart(10, "0")}.jsonl`;
      mkdirSync(options.dir, { recursive: true });
      const file = path.join(options.dir, fileName);
      writeFileSync(`${file}.tmp`, bytes, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
      writeFileSync(`${file}.sig`, `${signature}\n`, { mode: 0o600 });
      await tx.auditArchive.create({
        data: {
          fromSeq,
          toSeq,
          prevHash,
          lastHash,
          eventCount: rows.length,
          fileName,
          fileSha256: createHash("sha256").update(bytes).digest("hex"),
          signature,
          archivedById: options.actorId ?? null,
        },
      });
      const [deleted] = await tx.$queryRaw<Array<{ n: number }>>`SELECT audit_archive_delete(${toSeq}::int) AS n`;
      if (deleted?.n !== rows.length)
        throw new Error(`archived ${rows.length} events but ${deleted?.n} left the table`);
      await appendAuditEvent(tx, {
        actorId: options.actorId ?? null,
        action: "audit.archive",
        details: { fromSeq, toSeq, eventCount: rows.length, fileName, retentionDays: options.days },
      });
      return { fileName, fromSeq, toSeq, eventCount: rows.length };
    },
    { maxWait: 15_000, timeout: 120_000 },
  );
}
