import { listAuditEventsForExport, readAuditFilters } from "@/lib/audit/read-audit";
import { toCsv } from "@/lib/export/csv";
import { downloadResponse } from "@/lib/export/download";
import { withGuard } from "@/lib/http/with-guard";

/**
 * The audit trail as CSV, with the audit page's filters (the audit administrator only, 三员分立):
 * each event with its seq and hash, so that an export can be checked against the chain. The
 * export is itself an audit event.
 */
export const GET = withGuard("audit.view", async ({ request, viewer }) => {
  const filters = readAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  const events = await listAuditEventsForExport(filters, viewer.userId);
  const csv = toCsv(
    ["id", "seq", "at", "actor", "action", "month", "targetType", "targetId", "details", "hash"],
    events.map((e) => [
      e.id,
      e.seq,
      e.at.toISOString(),
      e.actor?.username ?? null,
      e.action,
      e.month,
      e.targetType,
      e.targetId,
      e.details === null ? null : JSON.stringify(e.details),
      e.hash,
    ]),
  );
  return downloadResponse(csv, "text/csv; charset=utf-8", "审计日志.csv", "audit-log.csv");
});
