// The security administrator's two-step verification actions (issue 22) check their caller
// themselves: the reset of a user's second factor and the switch for department users are refused
// to every other role (the system administrator included) with nothing changed, and work, audited,
// for the security administrator. Real database, seeded demo accounts (enrolled with the demo
// secret); only the session source and Next's cache revalidation are stood in for.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

const actions = async () => import("@/lib/access/actions/two-factor");
const gajFactor = () => db.prisma.userTwoFactor.findUnique({ where: { userId: 3 } });

describe("two-step verification actions", () => {
  it("the demo accounts are enrolled by the seed, their secret sealed", async () => {
    const rows = await db.prisma.userTwoFactor.findMany();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.secretSealed.startsWith("sm4:") && !r.secretSealed.includes("GOVDASHBOARD"))).toBe(true);
  });

  it.each([
    ["signed out", null],
    ["the system administrator", "SYSTEM_ADMIN"],
    ["an official", "OFFICIAL"],
    ["the audit administrator", "AUDITOR"],
    ["a department user", "DEPARTMENT"],
  ] as const)("%s can neither reset a second factor nor switch it for departments", async (_who, role) => {
    as(role);
    const { resetTwoFactorAction, updateTwoFactorSettingsAction } = await actions();
    const before = await gajFactor();
    expect((await resetTwoFactorAction({}, form({ username: "gaj" }))).ok).toBeFalsy();
    expect((await updateTwoFactorSettingsAction({}, form({ departments: "on" }))).ok).toBeFalsy();
    expect(await gajFactor()).toEqual(before);
    expect(await db.prisma.setting.count({ where: { key: "security.twoFactor" } })).toBe(0);
  });

  it("the security administrator resets a user's second factor, audited, and switches it on for departments", async () => {
    as("SECURITY_ADMIN");
    const { resetTwoFactorAction, updateTwoFactorSettingsAction } = await actions();
    const versionBefore = (await db.prisma.user.findUniqueOrThrow({ where: { id: 3 } })).sessionVersion;
    expect(await resetTwoFactorAction({}, form({ username: "gaj" }))).toMatchObject({
      ok: true,
      message: "已重置 gaj 的两步验证：其所有会话已结束，下次登录时须重新绑定。",
    });
    expect(await gajFactor()).toBeNull();
    expect(await db.prisma.twoFactorRecoveryCode.count({ where: { userId: 3 } })).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: 3 } })).sessionVersion).toBe(versionBefore + 1);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.twoFactorReset" },
      orderBy: { id: "desc" },
    });
    expect([event.actorId, event.targetId]).toEqual([5, "3"]);
    // Again: nothing to reset, said so; an unknown username, said so.
    expect((await resetTwoFactorAction({}, form({ username: "gaj" }))).message).toBe(
      "gaj 没有启用两步验证，未做任何更改。",
    );
    expect((await resetTwoFactorAction({}, form({ username: "nobody" }))).message).toBe("没有用户名为 nobody 的账号。");

    expect(await updateTwoFactorSettingsAction({}, form({ departments: "on" }))).toMatchObject({ ok: true });
    const setting = await db.prisma.setting.findUniqueOrThrow({ where: { key: "security.twoFactor" } });
    expect(setting.value).toEqual({ departments: true });
    const change = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "settings.update", targetId: "security.twoFactor" },
    });
    expect(change.details).toEqual({ before: { departments: false }, after: { departments: true } });
  });
});
