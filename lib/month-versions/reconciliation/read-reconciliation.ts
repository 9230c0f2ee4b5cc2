import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type Reconciliation, reconcileVersions } from "@/lib/month-versions/reconciliation/reconcile-versions";
import { loadVersionData } from "@/lib/month-versions/version-data";

// The reads of the reconciliation page and its CSV: which versions of a month came from case
// records (origin CASES) and which from an uploaded annex (origin UPLOAD), and the comparison of
// one of each. Rollbacks copy one of them and are not offered: the original is.

export type SourceVersion = {
  id: number;
  number: number;
  origin: "CASES" | "UPLOAD";
  createdAt: Date;
  fileName: string | null;
};

export type MonthSources = { cases: SourceVersion[]; annex: SourceVersion[] };

/** A month's case-derived and uploaded-annex versions, newest first. */
export async function loadMonthSources(db: PrismaClient, month: string): Promise<MonthSources> {
  const versions = await db.monthVersion.findMany({
    where: { month, origin: { in: ["CASES", "UPLOAD"] } },
    orderBy: { number: "desc" },
    select: { id: true, number: true, origin: true, createdAt: true, upload: { select: { fileName: true } } },
  });
  const shaped = versions.map((v) => ({
    id: v.id,
    number: v.number,
    origin: v.origin as "CASES" | "UPLOAD",
    createdAt: v.createdAt,
    fileName: v.upload?.fileName ?? null,
  }));
  return { cases: shaped.filter((v) => v.origin === "CASES"), annex: shaped.filter((v) => v.origin === "UPLOAD") };
}

/** Whether the month's history has both kinds of version (the history page links the reconciliation then). */
export async function monthHasBothSources(db: PrismaClient, month: string): Promise<boolean> {
  const origins = await db.monthVersion.groupBy({
    by: ["origin"],
    where: { month, origin: { in: ["CASES", "UPLOAD"] } },
  });
  return origins.length === 2;
}

export type MonthReconciliation = {
  month: string;
  sources: MonthSources;
  cases: SourceVersion;
  annex: SourceVersion;
  reconciliation: Reconciliation;
};

/**
 * The comparison of the chosen versions (by version number; the newest of each kind when not
 * chosen or when the number is not a version of that kind), or null when the month lacks one kind.
 */
export async function loadMonthReconciliation(
  db: PrismaClient,
  month: string,
  choice: { cases?: number | null; annex?: number | null } = {},
): Promise<MonthReconciliation | null> {
  const sources = await loadMonthSources(db, month);
  const cases = sources.cases.find((v) => v.number === choice.cases) ?? sources.cases[0];
  const annex = sources.annex.find((v) => v.number === choice.annex) ?? sources.annex[0];
  if (!cases || !annex) return null;
  const [casesData, annexData] = await Promise.all([loadVersionData(db, cases.id), loadVersionData(db, annex.id)]);
  return { month, sources, cases, annex, reconciliation: reconcileVersions(casesData, annexData) };
}

/** A version number from the query string (?cases=3), or null. */
export function versionNumberParam(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^[0-9]{1,6}$/.test(text) ? Number(text) : null;
}
