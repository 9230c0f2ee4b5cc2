// Integration: versions of a month are never overwritten, and a failed
// publish leaves the previous version current and complete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "@/lib/demo-data/seed-database";
import { createMonthVersion, type StatInput } from "@/lib/month-versions/create-month-version";
import { loadMonths } from "@/lib/month-versions/month-data";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma, { demoMonths: 1 });
});
afterAll(() => db?.drop());

async function currentStats(month: string): Promise<StatInput[]> {
  const current = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month } });
  const stats = await db.prisma.monthlyStat.findMany({
    where: { versionId: current.currentVersionId! },
    orderBy: { unitId: "asc" },
  });
  return stats.map(({ id: _id, versionId: _v, month: _m, ...rest }) => rest);
}

describe("createMonthVersion", () => {
  it("adds version 2 and keeps version 1 intact", async () => {
    const stats = await currentStats("2021-06");
    const police = await db.prisma.unit.findUniqueOrThrow({ where: { code: "d08" } });
    const changed = stats.map((s) => (s.unitId === police.id ? { ...s, completed: s.completed + 100 } : s));
    const result = await db.prisma.$transaction((tx) =>
      createMonthVersion(tx, { month: "2021-06", origin: "UPLOAD", isDemo: false, stats: changed, summaries: [] }),
    );
    expect(result.number).toBe(2);

    const versions = await db.prisma.monthVersion.findMany({ where: { month: "2021-06" }, orderBy: { number: "asc" } });
    expect(versions.map((v) => [v.number, v.origin])).toEqual([
      [1, "REFERENCE"],
      [2, "UPLOAD"],
    ]);
    const [june] = await loadMonths(db.prisma, ["2021-06"]);
    expect(june!.versionNumber).toBe(2);
    expect(june!.rows.find((r) => r.unitCode === "d08")!.completed).toBe(11_933 + 100);
    const v1Police = await db.prisma.monthlyStat.findFirstOrThrow({
      where: { versionId: versions[0]!.id, unitId: police.id },
    });
    expect(v1Police.completed).toBe(11_933);
  });

  it("rolls back whole when a row fails: the previous version stays current and complete", async () => {
    const before = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2021-06" } });
    const versionsBefore = await db.prisma.monthVersion.count();
    const statsBefore = await db.prisma.monthlyStat.count();
    const stats = await currentStats("2021-06");
    const broken = [...stats, { ...stats[0]!, unitId: 999_999 }]; // no such unit: the insert fails
    await expect(
      db.prisma.$transaction((tx) =>
        createMonthVersion(tx, { month: "2021-06", origin: "UPLOAD", isDemo: false, stats: broken, summaries: [] }),
      ),
    ).rejects.toThrow();
    const after = await db.prisma.reportMonth.findUniqueOrThrow({ where: { month: "2021-06" } });
    expect(after.currentVersionId).toBe(before.currentVersionId);
    expect(await db.prisma.monthVersion.count()).toBe(versionsBefore);
    expect(await db.prisma.monthlyStat.count()).toBe(statsBefore);
  });
});
