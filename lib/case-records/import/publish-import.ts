// Publish a staged case import as a new version of its month (origin CASES), atomically: one
// transaction attaches the import's tables as the month's partitions for its importId, writes
// the version through the one write path (createMonthVersion) with the MonthlyStat rows and
// summaries computed from the rollups, marks the import PUBLISHED (an earlier published import
// of the month SUPERSEDED: its partitions stay, so a rollback still finds its records; an annex
// upload whose version it replaces SUPERSEDED too, as publishUpload and rollbackMonth do) and
// records the audit event naming the version replaced. Any failure leaves the previous version
// current. Concurrent publishers of one month queue: on the import's row (FOR UPDATE, so one
// import is published once), on the month's partitions (ATTACH takes a lock that conflicts with
// itself) and on the month's row (lockMonth), and each reads the month after the one before it
// committed (lib/case-records/import/publish-concurrency.test.ts).

import { recordAuditEvent } from "@/lib/audit";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { UnitKind } from "@/lib/indicators/types";
import { createMonthVersion } from "@/lib/month-versions";
import { labelKey, unitNameKey } from "@/lib/spreadsheet/normalize";
import { COLUMN_ALIASES_SETTING, type RecordColumn } from "./columns";
import { monthSummaries, statInputs, unitScopeSums } from "./month-figures";
import { attachStatements } from "./partitions";
import { ensureItemEvaluationRollup, type RowQuery, readRollups } from "./rollups";

export class CaseImportStateError extends Error {}

export async function publishCaseImport(
  prisma: PrismaClient,
  importId: number,
  options: {
    createdById?: number | null;
    /**
     * The records are generated demo data (the seed's demo month, lib/demo-data/demo-case-month.ts):
     * the month is stored as demo (ReportMonth.isDemo, badged 示例数据 wherever it appears) and the
     * version's note says so. Never set for an admin's or the command line's import.
     */
    isDemo?: boolean;
    /** An admin's mappings for this import (lib/case-records/upload/mapping.ts), remembered in the same transaction. */
    remember?: {
      units: ReadonlyArray<{ alias: string; unitId: number }>;
      columns: Readonly<Record<string, RecordColumn>>;
    };
    /**
     * Also written in the publish's transaction, once the version exists: the daily feed marks
     * its month-to-date version provisional here (lib/supervision/daily-feed), so no one ever
     * reads that version unmarked.
     */
    /** The version's note, when not the import's own (the daily feed's month to date). */
    note?: string;
    inTransaction?: (tx: Prisma.TransactionClient, version: { versionId: number; number: number }) => Promise<void>;
  } = {},
): Promise<{ versionId: number; number: number; month: string }> {
  return prisma.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<Array<{ month: string; status: string; caseCount: number }>>`
        SELECT "month", "status"::text AS "status", "caseCount" FROM "CaseImport" WHERE "id" = ${importId} FOR UPDATE`;
      const row = locked[0];
      if (!row) throw new CaseImportStateError(`办件导入 #${importId} 不存在`);
      if (row.status !== "STAGED")
        throw new CaseImportStateError(`办件导入 #${importId} 的状态是 ${row.status}，只能发布暂存（STAGED）的导入`);
      const month = row.month;

      const query: RowQuery = <T>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params);
      await ensureItemEvaluationRollup(query, importId, month);
      for (const statement of attachStatements(importId, month)) await tx.$executeRawUnsafe(statement);

      const rollups = await readRollups(query, importId);
      const units = await tx.unit.findMany({
        where: { active: true },
        select: { id: true, kind: true, sortOrder: true },
      });
      const monthUnits = units.map((u) => ({ id: u.id, kind: u.kind as UnitKind, sortOrder: u.sortOrder }));
      const sums = unitScopeSums(rollups);
      // A unit made inactive since may still have records: it keeps its row this month.
      for (const unitId of sums.keys()) {
        if (!monthUnits.some((u) => u.id === unitId)) {
          const unit = await tx.unit.findUniqueOrThrow({
            where: { id: unitId },
            select: { id: true, kind: true, sortOrder: true },
          });
          monthUnits.push({ id: unit.id, kind: unit.kind as UnitKind, sortOrder: unit.sortOrder });
        }
      }
      const version = await createMonthVersion(tx, {
        month,
        origin: "CASES",
        isDemo: options.isDemo === true,
        stats: statInputs(monthUnits, sums),
        summaries: monthSummaries(monthUnits, sums),
        note:
          options.note ??
          `${options.isDemo ? "示例数据（系统生成，非真实统计）：" : ""}办件明细导入 #${importId}（${row.caseCount} 件）`,
        createdById: options.createdById ?? null,
      });
      for (const { alias, unitId } of options.remember?.units ?? []) {
        await tx.unitAlias.upsert({
          where: { aliasKey: unitNameKey(alias) },
          create: { aliasKey: unitNameKey(alias), alias, unitId, createdById: options.createdById ?? null },
          update: { unitId },
        });
      }
      const columns = Object.entries(options.remember?.columns ?? {});
      if (columns.length > 0) {
        // Merged into what is remembered, in one statement: a concurrent publish cannot lose either's.
        const added = JSON.stringify(Object.fromEntries(columns.map(([label, column]) => [labelKey(label), column])));
        await tx.$executeRaw`
          INSERT INTO "Setting" ("key", "value", "updatedAt", "updatedById") VALUES (${COLUMN_ALIASES_SETTING}, ${added}::jsonb, now(), ${options.createdById ?? null})
          ON CONFLICT ("key") DO UPDATE SET "value" = "Setting"."value" || EXCLUDED."value", "updatedAt" = now(), "updatedById" = EXCLUDED."updatedById"`;
      }
      await tx.caseImport.updateMany({ where: { month, status: "PUBLISHED" }, data: { status: "SUPERSEDED" } });
      // An uploaded annex was current until now: it no longer is (as when an upload replaces it).
      if (version.previous?.uploadId)
        await tx.upload.update({ where: { id: version.previous.uploadId }, data: { status: "SUPERSEDED" } });
      await tx.caseImport.update({
        where: { id: importId },
        data: { status: "PUBLISHED", versionId: version.versionId, publishedAt: new Date() },
      });
      await recordAuditEvent(tx, {
        actorId: options.createdById ?? null,
        action: "month.publish",
        month,
        targetType: "CaseImport",
        targetId: String(importId),
        details: {
          origin: "CASES",
          versionId: version.versionId,
          number: version.number,
          previousVersion: version.previous?.number ?? null,
          ...(options.remember && (options.remember.units.length > 0 || columns.length > 0)
            ? {
                rememberedUnits: options.remember.units.map((u) => u.alias),
                rememberedColumns: Object.fromEntries(columns),
              }
            : {}),
        },
      });
      await options.inTransaction?.(tx, { versionId: version.versionId, number: version.number });
      return { versionId: version.versionId, number: version.number, month };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
