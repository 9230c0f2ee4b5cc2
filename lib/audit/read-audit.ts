import "server-only";
import { prisma } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "./record-audit-event";

export type AuditFilters = { actorId: number | null; action: string | null; from: string | null; to: string | null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The audit page's filters from its query string; anything malformed is ignored. */
export function readAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const one = (key: string) => {
    const value = params[key];
    return typeof value === "string" && value !== "" ? value : null;
  };
  const actor = Number(one("actor"));
  const from = one("from");
  const to = one("to");
  return {
    actorId: Number.isInteger(actor) && actor > 0 ? actor : null,
    action: one("action"),
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
  };
}

export const AUDIT_PAGE_LIMIT = 500;

/** Events matching the filters, newest first; dates are whole days in China time (UTC+8). */
export async function listAuditEventsFiltered(filters: AuditFilters) {
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = new Date(`${filters.from}T00:00:00+08:00`);
  if (filters.to) at.lt = new Date(new Date(`${filters.to}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000);
  const where: Prisma.AuditEventWhereInput = {
    ...(filters.actorId !== null ? { actorId: filters.actorId } : {}),
    ...(filters.action !== null ? { action: filters.action } : {}),
    ...(filters.from || filters.to ? { at } : {}),
  };
  const [events, total, actions, people] = await Promise.all([
    prisma.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      take: AUDIT_PAGE_LIMIT,
      include: { actor: { select: { username: true, displayName: true } } },
    }),
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    prisma.user.findMany({ select: { id: true, username: true, displayName: true }, orderBy: { username: "asc" } }),
  ]);
  return { events, total, actions: actions.map((a) => a.action), people };
}

const CHAIN_STATE_TTL_MS = 30_000;
const chainStore = globalThis as unknown as {
  __dashboardAuditChain?: { at: number; report: Promise<import("./verify-chain").ChainReport> };
};

/**
 * The chain's state for the audit administrator's page: every link verified (verify-chain.ts).
 * One verification serves this process's page loads for 30 s (the page shows when it was made):
 * it reads the whole table, which need not happen on every load.
 */
export async function readAuditChainState() {
  const cached = chainStore.__dashboardAuditChain;
  if (cached && Date.now() - cached.at < CHAIN_STATE_TTL_MS) return cached.report;
  const { verifyAuditChain } = await import("./verify-chain");
  const report = verifyAuditChain(prisma);
  chainStore.__dashboardAuditChain = { at: Date.now(), report };
  report.catch(() => {
    chainStore.__dashboardAuditChain = undefined;
  });
  return report;
}

/** Up to this many events in one CSV export (newest first); narrow the filters for older ones. */
export const AUDIT_EXPORT_LIMIT = 100_000;

/** The filtered events for the CSV export, newest first, with their chain fields; the export is audited. */
export async function listAuditEventsForExport(filters: AuditFilters, actorId: number) {
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = new Date(`${filters.from}T00:00:00+08:00`);
  if (filters.to) at.lt = new Date(new Date(`${filters.to}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000);
  const events = await prisma.auditEvent.findMany({
    where: {
      ...(filters.actorId !== null ? { actorId: filters.actorId } : {}),
      ...(filters.action !== null ? { action: filters.action } : {}),
      ...(filters.from || filters.to ? { at } : {}),
    },
    orderBy: { id: "desc" },
    take: AUDIT_EXPORT_LIMIT,
    include: { actor: { select: { username: true } } },
  });
  await recordAuditEvent(prisma, { actorId, action: "audit.export", details: { count: events.length, filters } });
  return events;
}
