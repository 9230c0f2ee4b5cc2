// Every user-management server action checks its caller itself (server actions
// can be invoked from any page by anyone who learns their id): as an official,
// a department user or signed out, each is refused and the database is
// unchanged; as an admin, each works. Real database; only the session source
// (Auth.js's auth()) and Next's cache revalidation are stood in for.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createSeededTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { formOf as form } from "@/test/helpers/next-stand-ins";
import { signInAs as as } from "@/test/helpers/session-stand-in";

let db: TestDatabase;

vi.mock("next/headers", async () => (await import("@/test/helpers/session-stand-in")).noCookies);
vi.mock("@/lib/access/session", async () => (await import("@/test/helpers/session-stand-in")).signedIn);
vi.mock("next/cache", async () => (await import("@/test/helpers/next-stand-ins")).nextCache);

beforeAll(async () => {
  db = await createSeededTestDatabase();
});
afterAll(() => db?.drop());

async function snapshot() {
  const users = await db.prisma.user.findMany({ orderBy: { id: "asc" } });
  return JSON.stringify(users.map((u) => [u.username, u.role, u.unitId, u.active, u.passwordHash, u.sessionVersion]));
}

const actions = async () => ({
  create: (await import("@/lib/access/actions/create-user")).createUserAction,
  update: (await import("@/lib/access/actions/update-user")).updateUserAction,
  reset: (await import("@/lib/access/actions/reset-password")).resetPasswordAction,
  setActive: (await import("@/lib/access/actions/set-user-active")).setUserActiveAction,
});

describe("user actions refuse callers who may not manage users", () => {
  beforeEach(() => as(null));
  const callers: Array<[string, () => void]> = [
    ["signed out", () => as(null)],
    ["an official", () => as("OFFICIAL")],
    ["a department user", () => as("DEPARTMENT", { unitCode: "d08" })],
  ];
  it.each(callers)("%s: refused, nothing written", async (_who, become) => {
    become();
    const { create, update, reset, setActive } = await actions();
    const before = await snapshot();
    const results = [
      await create(
        {},
        form({ username: "intruder", displayName: "x", password: "intruder-password", role: "SYSTEM_ADMIN" }),
      ),
      // The department user tries to move itself to another unit, and to promote itself.
      await update({}, form({ userId: "3", displayName: "市公安局", role: "DEPARTMENT", unitCode: "d13" })),
      await update({}, form({ userId: "3", displayName: "市公安局", role: "SYSTEM_ADMIN", unitCode: "" })),
      await reset({}, form({ userId: "1", password: "taken-over-2021" })),
      await setActive({}, form({ userId: "1", active: "false" })),
    ];
    for (const result of results) {
      expect(result.ok).toBeFalsy();
      expect(result.message).toMatch(/没有执行此操作的权限|登录已失效/);
    }
    expect(await snapshot()).toBe(before);
  });

  it("an admin: each action works and is audited", async () => {
    as("SYSTEM_ADMIN");
    const { create, update, reset, setActive } = await actions();
    const created = await create(
      {},
      form({
        username: "newuser",
        displayName: "新用户",
        password: "new-user-password-1",
        role: "DEPARTMENT",
        unitCode: "d13",
      }),
    );
    expect(created.ok).toBe(true);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: "newuser" }, include: { unit: true } });
    expect(user.unit?.name).toBe("市人力资源和社会保障局");
    expect(
      (await update({}, form({ userId: String(user.id), displayName: "新名称", role: "OFFICIAL", unitCode: "" }))).ok,
    ).toBe(true);
    expect((await reset({}, form({ userId: String(user.id), password: "another-password-2" }))).ok).toBe(true);
    expect((await setActive({}, form({ userId: String(user.id), active: "false" }))).ok).toBe(true);
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.displayName, after.role, after.unitId, after.active]).toEqual(["新名称", "OFFICIAL", null, false]);
    expect(after.sessionVersion).toBe(3); // role change, password reset, deactivation each end sessions
    const events = await db.prisma.auditEvent.findMany({
      where: { targetId: String(user.id) },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual([
      "user.create",
      "user.update",
      "user.resetPassword",
      "user.deactivate",
    ]);
    expect(events.every((e) => e.actorId === 1)).toBe(true);
  });

  it("an admin cannot deactivate themself", async () => {
    as("SYSTEM_ADMIN");
    const { setActive } = await actions();
    const result = await setActive({}, form({ userId: "1", active: "false" }));
    expect(result.message).toBe("不能停用自己的账号。");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: 1 } })).active).toBe(true);
  });
});

describe("三员分立 (issue 22): the officers' accounts are not the system administrator's", () => {
  const unlock = async () => (await import("@/lib/access/actions/unlock-user")).unlockUserAction;
  const auditorId = async () => (await db.prisma.user.findUniqueOrThrow({ where: { username: "auditor" } })).id;

  it("a system administrator can neither make, change, reset nor deactivate a security or audit administrator", async () => {
    as("SYSTEM_ADMIN");
    const { create, update, reset, setActive } = await actions();
    const id = String(await auditorId());
    const before = await snapshot();
    const results = [
      await create(
        {},
        form({ username: "myauditor", displayName: "x", password: "auditor-password-1", role: "AUDITOR" }),
      ),
      await create(
        {},
        form({ username: "mysecurity", displayName: "x", password: "security-password-1", role: "SECURITY_ADMIN" }),
      ),
      // Promoting an account they hold the password of, or taking over the auditor's.
      await update({}, form({ userId: "2", displayName: "市政务服务管理局领导", role: "AUDITOR", unitCode: "" })),
      await update({}, form({ userId: id, displayName: "审计管理员", role: "SYSTEM_ADMIN", unitCode: "" })),
      await reset({}, form({ userId: id, password: "taken-over-2021" })),
      await setActive({}, form({ userId: id, active: "false" })),
    ];
    for (const result of results) {
      expect(result.ok).toBeFalsy();
      expect(JSON.stringify(result)).toContain("npm run user:create");
    }
    expect(await snapshot()).toBe(before);
  });

  it("the audit administrator changes nothing: every user action and the unlock are refused", async () => {
    as("AUDITOR");
    const { create, update, reset, setActive } = await actions();
    const before = await snapshot();
    const results = [
      await create({}, form({ username: "x1", displayName: "x", password: "x-password-2021", role: "OFFICIAL" })),
      await update({}, form({ userId: "3", displayName: "市公安局", role: "DEPARTMENT", unitCode: "d13" })),
      await reset({}, form({ userId: "1", password: "taken-over-2021" })),
      await setActive({}, form({ userId: "1", active: "false" })),
      await (await unlock())({}, form({ userId: "3" })),
    ];
    for (const result of results) expect(result.message).toMatch(/没有执行此操作的权限/);
    expect(await snapshot()).toBe(before);
  });

  it("the security administrator lifts a lock, audited; the system administrator cannot use that action", async () => {
    await db.prisma.user.update({
      where: { id: 3 },
      data: { failedLoginCount: 5, lockedUntil: new Date(Date.now() + 15 * 60_000) },
    });
    as("SYSTEM_ADMIN");
    expect((await (await unlock())({}, form({ userId: "3" }))).message).toMatch(/没有执行此操作的权限/);
    as("SECURITY_ADMIN");
    const result = await (await unlock())({}, form({ userId: "3" }));
    expect(result).toMatchObject({ ok: true, message: "已解除 gaj 的锁定。" });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: 3 } });
    expect([user.failedLoginCount, user.lockedUntil]).toEqual([0, null]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.unlock" },
      orderBy: { id: "desc" },
    });
    expect([event.actorId, event.targetId]).toEqual([5, "3"]);
  });
});
