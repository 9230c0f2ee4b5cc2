// The restore drill (issue 22, 数据备份恢复), on a real PostgreSQL: back up, publish a wrong month
// and change a month's figures (audited, as publishing does), restore, and find every month's
// figures, the stored files and the audit chain exactly as they were backed up.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ANNEX_FIELDS } from "@/lib/indicators/types";
import { createMonthVersion } from "@/lib/month-versions/create-month-version";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { createBackup, restoreBackup, verifyBackup } from "./backup-restore";

/** Every month's current figures: the version shown and each unit's row, as the pages read them. */
async function figures(db: PrismaClient) {
  const months = await db.reportMonth.findMany({
    orderBy: { month: "asc" },
    include: {
      currentVersion: {
        include: {
          stats: { include: { unit: { select: { code: true } } }, orderBy: [{ seq: "asc" }, { unitId: "asc" }] },
          summaries: { orderBy: { scope: "asc" } },
        },
      },
    },
  });
  return months.map((m) => ({
    month: m.month,
    version: m.currentVersion?.number,
    rows: m.currentVersion?.stats.map((s) => [s.unit.code, ...ANNEX_FIELDS.map((f) => s[f])]),
    summaries: m.currentVersion?.summaries.map(({ id: _id, versionId: _v, ...rest }) => rest),
  }));
}

// pg_dump and pg_restore (PostgreSQL's client tools) must be installed, as on the server that runs backups.
const postgres =
  Boolean(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL) &&
  spawnSync("pg_dump", ["--version"]).status === 0 &&
  spawnSync("pg_restore", ["--version"]).status === 0;

describe.runIf(postgres)("the restore drill", () => {
  let db: TestDatabase;
  let work: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    work = mkdtempSync(path.join(tmpdir(), "restore-drill-"));
    await seedDatabase(db.prisma, { demoMonths: 2 });
  }, 120_000);
  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await db?.drop();
  });

  it("back up, publish a wrong month and change a month's figures, restore: all as before, the chain too", async () => {
    if (db.kind !== "postgres") return; // pg_dump needs a PostgreSQL server
    const fileDirs = { "case-uploads": path.join(work, "uploads"), "audit-archive": path.join(work, "archive") };
    mkdirSync(path.join(fileDirs["case-uploads"], "7"), { recursive: true });
    writeFileSync(path.join(fileDirs["case-uploads"], "7", "cases.csv"), "办件编号,事项编码\nA1,P01\n");
    await recordAuditEvent(db.prisma, { actorId: 1, action: "settings.update", details: { before: 1, after: 2 } });
    const before = await figures(db.prisma);
    const chainBefore = await verifyAuditChain(db.prisma);
    expect(chainBefore.ok).toBe(true);
    expect(before.map((m) => m.month)).toEqual(["2021-04", "2021-05", "2021-06"]);

    const backupDir = path.join(work, "backup");
    const manifest = await createBackup({ databaseUrl: db.url, fileDirs }, backupDir);
    expect(manifest.auditHead).toEqual(chainBefore.head);
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(["database.dump", "files/case-uploads/7/cases.csv"]),
    );
    expect(verifyBackup(backupDir).problems).toEqual([]);

    // The mistakes: a wrong month published, 2021-06's figures replaced (ten times too many), a file gone.
    const june = (await db.prisma.monthVersion.findFirstOrThrow({
      where: { month: "2021-06", currentOf: { isNot: null } },
      include: { stats: true },
    }))!;
    const wrong = june.stats.map((s) => {
      const row = { unitId: s.unitId, seq: s.seq } as Parameters<typeof createMonthVersion>[1]["stats"][number];
      for (const f of ANNEX_FIELDS) (row as Record<string, number>)[f] = (s[f] as number) * 10;
      return row;
    });
    await db.prisma.$transaction(async (tx) => {
      for (const month of ["2021-06", "2021-07"]) {
        const { versionId } = await createMonthVersion(tx, {
          month,
          origin: "UPLOAD",
          isDemo: false,
          stats: wrong,
          summaries: [],
        });
        await recordAuditEvent(tx, {
          actorId: 1,
          action: "month.publish",
          month,
          targetType: "MonthVersion",
          targetId: String(versionId),
        });
      }
    });
    rmSync(fileDirs["case-uploads"], { recursive: true, force: true });
    const mistaken = await figures(db.prisma);
    expect(mistaken.map((m) => m.month)).toEqual(["2021-04", "2021-05", "2021-06", "2021-07"]);
    expect(mistaken[2]!.rows![0]![1]).toBe((before[2]!.rows![0]![1] as number) * 10);

    // The restore: into the same database, which the app would have been stopped for.
    await db.prisma.$disconnect();
    await restoreBackup(backupDir, { databaseUrl: db.url, fileDirs });
    expect(await figures(db.prisma)).toEqual(before);
    const chainAfter = await verifyAuditChain(db.prisma);
    expect(chainAfter).toMatchObject({ ok: true, head: chainBefore.head, checked: chainBefore.checked });
    expect(await db.prisma.auditEvent.count({ where: { action: "month.publish", month: "2021-07" } })).toBe(0);
    expect(readFileSync(path.join(fileDirs["case-uploads"], "7", "cases.csv"), "utf8")).toContain("A1,P01");
    // Still append-only after the restore: the triggers came back with the tables.
    await expect(db.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
  }, 180_000);

  it("refuses a backup whose files do not match the manifest, before touching anything", async () => {
    if (db.kind !== "postgres") return;
    const backupDir = path.join(work, "backup-2");
    await createBackup({ databaseUrl: db.url, fileDirs: {} }, backupDir);
    const dump = path.join(backupDir, "database.dump");
    const bytes = readFileSync(dump);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256;
    writeFileSync(dump, bytes);
    expect(verifyBackup(backupDir).problems).toEqual(["database.dump does not match its SHA-256"]);
    const months = await db.prisma.reportMonth.count();
    await expect(restoreBackup(backupDir, { databaseUrl: db.url, fileDirs: {} })).rejects.toThrow(/does not verify/);
    expect(await db.prisma.reportMonth.count()).toBe(months);
    // A changed manifest fails its signature.
    const manifestFile = path.join(backupDir, "manifest.json");
    writeFileSync(manifestFile, readFileSync(manifestFile, "utf8").replace('"postgres"', '"pglite"'));
    expect(verifyBackup(backupDir).problems.join(" ")).toMatch(/manifest.sig does not match/);
    expect(existsSync(path.join(backupDir, "manifest.sig"))).toBe(true);
  });
});
