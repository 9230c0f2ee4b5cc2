// The case pipeline's settings forms through their server actions, on a real database: only an
// admin may change them; a bad date is a field error and writes nothing; each change is stored
// with its audit event, and a removal brings the official calendar back.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { formOf as form } from "@/test/helpers/next-stand-ins";
import { signInAs } from "@/test/helpers/session-stand-in";

let db: TestDatabase;

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);

let adminId = 0;
let officialId = 0;
beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const { seedDatabase } = await import("@/lib/demo-data/seed-database");
  await seedDatabase(db.prisma, { demoMonths: 0 });
  adminId = (await db.prisma.user.findFirstOrThrow({ where: { role: "SYSTEM_ADMIN" } })).id;
  officialId = (await db.prisma.user.findFirstOrThrow({ where: { role: "OFFICIAL" } })).id;
});
afterAll(() => db?.drop());

const as = (role: "SYSTEM_ADMIN" | "OFFICIAL" | null) =>
  signInAs(role, { id: role === "SYSTEM_ADMIN" ? adminId : officialId });
const actions = () => import("./case-settings");
const overrides = () => db.prisma.workCalendarOverride.findMany();
const audits = () => db.prisma.auditEvent.findMany({ where: { action: "settings.update" }, orderBy: { id: "asc" } });

describe("case settings actions", () => {
  it("refuses anyone but an admin, and writes nothing", async () => {
    const { saveCalendarOverrideAction, removeCalendarOverrideAction, saveCoveragePeriodAction } = await actions();
    for (const role of ["OFFICIAL", null] as const) {
      as(role);
      const add = await saveCalendarOverrideAction({}, form({ date: "2021-09-18", isWorkday: "false", note: "x" }));
      expect(add.ok).toBeUndefined();
      expect(add.message).toMatch(role ? "没有执行此操作的权限" : "登录已失效");
      expect((await removeCalendarOverrideAction({}, form({ date: "2021-09-18" }))).ok).toBeUndefined();
      expect((await saveCoveragePeriodAction({}, form({ period: "month" }))).ok).toBeUndefined();
    }
    expect(await overrides()).toEqual([]);
    expect(await audits()).toEqual([]);
    expect(await db.prisma.setting.findUnique({ where: { key: "cases.coveragePeriod" } })).toBeNull();
  });

  it("answers a bad date or day kind with a field error and writes nothing", async () => {
    const { saveCalendarOverrideAction, removeCalendarOverrideAction } = await actions();
    as("SYSTEM_ADMIN");
    const bad = await saveCalendarOverrideAction({}, form({ date: "2021-02-30", isWorkday: "true", note: "" }));
    expect(bad.fieldErrors?.date).toEqual(["日期应为有效的 YYYY-MM-DD，例如 2021-09-18。"]);
    expect(bad.values?.date).toBe("2021-02-30");
    const noKind = await saveCalendarOverrideAction({}, form({ date: "2021-09-18", isWorkday: "maybe" }));
    expect(Object.keys(noKind.fieldErrors ?? {})).toEqual(["isWorkday"]);
    const long = await saveCalendarOverrideAction(
      {},
      form({ date: "2021-09-18", isWorkday: "true", note: "长".repeat(201) }),
    );
    expect(Object.keys(long.fieldErrors ?? {})).toEqual(["note"]);
    expect((await removeCalendarOverrideAction({}, form({ date: "18/09/2021" }))).fieldErrors?.date).toBeDefined();
    expect(await overrides()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("adds a correction with its audit event, and removing it brings the official calendar back", async () => {
    const { saveCalendarOverrideAction, removeCalendarOverrideAction } = await actions();
    as("SYSTEM_ADMIN");
    // 2021-09-18 (Saturday) is a 调休 working day on the official calendar; the city makes it a day off.
    const added = await saveCalendarOverrideAction(
      {},
      form({ date: "2021-09-18", isWorkday: "false", note: "本市调整" }),
    );
    expect(added).toEqual({ ok: true, message: "已保存：2021-09-18 设为休息日（官方日历为工作日）。" });
    const rows = await overrides();
    expect(rows.map((r) => [r.date.toISOString().slice(0, 10), r.isWorkday, r.note, r.updatedById])).toEqual([
      ["2021-09-18", false, "本市调整", adminId],
    ]);
    const [event] = await audits();
    expect(event).toMatchObject({
      actorId: adminId,
      targetType: "WorkCalendarOverride",
      targetId: "2021-09-18",
      details: { isWorkday: false, official: true, note: "本市调整" },
    });

    const { loadCalendarOverrides } = await import("@/lib/case-records/settings-view");
    expect((await loadCalendarOverrides(db.prisma)).map((r) => [r.date, r.isWorkday, r.officialWorkday])).toEqual([
      ["2021-09-18", false, true],
    ]);

    const removed = await removeCalendarOverrideAction({}, form({ date: "2021-09-18" }));
    expect(removed).toEqual({ ok: true, message: "已删除 2021-09-18 的修正，恢复官方日历（工作日）。" });
    expect(await overrides()).toEqual([]);
    expect((await audits()).at(-1)).toMatchObject({ targetId: "2021-09-18", details: { isWorkday: null } });
    expect((await removeCalendarOverrideAction({}, form({ date: "2021-09-18" }))).message).toBe(
      "2021-09-18 没有本地修正。",
    );
  });

  it("saves the coverage period, audited; the same period again changes nothing", async () => {
    const { saveCoveragePeriodAction } = await actions();
    as("SYSTEM_ADMIN");
    expect((await saveCoveragePeriodAction({}, form({ period: "decade" }))).fieldErrors?.period).toEqual([
      "请选择当月或当年 1 月至当月。",
    ]);
    const before = (await audits()).length;
    expect(await saveCoveragePeriodAction({}, form({ period: "month" }))).toEqual({
      ok: true,
      message: "已保存：办件覆盖率统计期为当月。",
    });
    expect((await db.prisma.setting.findUniqueOrThrow({ where: { key: "cases.coveragePeriod" } })).value).toBe("month");
    expect((await audits()).at(-1)).toMatchObject({
      actorId: adminId,
      targetType: "Setting",
      targetId: "cases.coveragePeriod",
      details: { value: "month" },
    });
    expect(await saveCoveragePeriodAction({}, form({ period: "month" }))).toEqual({
      ok: true,
      message: "统计期未变。",
    });
    expect((await audits()).length).toBe(before + 1);
  });
});
