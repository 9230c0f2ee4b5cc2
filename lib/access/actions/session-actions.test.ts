// Issue 22: the password and session policy and ending another user's session are the security
// administrator's alone; the policy stays within its bounds (a clear message, nothing saved) and
// each change is audited. Real database; only the session source and Next's cache are stood in for.
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

const actions = async () => ({
  policy: (await import("@/lib/access/actions/update-security-policy")).updateSecurityPolicyAction,
  endUser: (await import("@/lib/access/actions/end-sessions")).endUserSessionAction,
  endOwn: (await import("@/lib/access/actions/end-sessions")).endOwnSessionAction,
});

const VALID = { idleMinutes: "15", lockAfterFailures: "4", lockMinutes: "20", passwordMaxAgeDays: "60" };

async function openSession(userId: number): Promise<string> {
  const { startUserSession } = await import("@/lib/access/user-sessions");
  return startUserSession(db.prisma, { userId, sessionVersion: 0, address: "192.0.2.1", userAgent: "x" });
}

describe("the password and session policy", () => {
  it.each([
    ["the system administrator", "SYSTEM_ADMIN"],
    ["the audit administrator", "AUDITOR"],
    ["a department user", "DEPARTMENT"],
    ["signed out", null],
  ] as const)("%s: refused, nothing saved", async (_who, role) => {
    as(role);
    const { policy } = await actions();
    const result = await policy({}, form(VALID));
    expect(result.ok).toBeFalsy();
    expect(await db.prisma.setting.count({ where: { key: "security.policy" } })).toBe(0);
  });

  it("the security administrator: out of bounds is refused field by field, nothing saved", async () => {
    as("SECURITY_ADMIN");
    const { policy } = await actions();
    const result = await policy(
      {},
      form({ idleMinutes: "200", lockAfterFailures: "1", lockMinutes: "61", passwordMaxAgeDays: "x" }),
    );
    expect(result.fieldErrors?.idleMinutes).toEqual(["须为 5 到 120 之间的整数。"]);
    expect(result.fieldErrors?.lockAfterFailures).toEqual(["须为 3 到 10 之间的整数。"]);
    expect(result.fieldErrors?.lockMinutes).toEqual(["须为 5 到 60 之间的整数。"]);
    expect(result.fieldErrors?.passwordMaxAgeDays?.length).toBe(1);
    expect(await db.prisma.setting.count({ where: { key: "security.policy" } })).toBe(0);
  });

  it("the security administrator: saved, audited with before and after, applied by the sign-in check", async () => {
    as("SECURITY_ADMIN");
    const { policy } = await actions();
    expect(await policy({}, form(VALID))).toMatchObject({ ok: true, message: "已保存密码与会话策略。" });
    const row = await db.prisma.setting.findUniqueOrThrow({ where: { key: "security.policy" } });
    expect(row.value).toEqual({ idleMinutes: 15, lockAfterFailures: 4, lockMinutes: 20, passwordMaxAgeDays: 60 });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "security.policyUpdate" } });
    expect(event.actorId).toBe(5);
    expect(event.details).toMatchObject({
      before: { idleMinutes: 30, lockAfterFailures: 5, lockMinutes: 15, passwordMaxAgeDays: 90 },
      after: { idleMinutes: 15, lockAfterFailures: 4 },
    });
    const { loadSecurityPolicy } = await import("@/lib/access/security-policy");
    expect((await loadSecurityPolicy(db.prisma)).lockAfterFailures).toBe(4);
    // The same again: nothing to record.
    expect(await policy({}, form(VALID))).toMatchObject({ ok: true, message: "策略没有变化。" });
    expect(await db.prisma.auditEvent.count({ where: { action: "security.policyUpdate" } })).toBe(1);
  });
});

describe("ending another user's session", () => {
  it("a department user or the system administrator: refused, the session stays open", async () => {
    const sid = await openSession(2);
    const { endUser, endOwn } = await actions();
    for (const role of ["DEPARTMENT", "SYSTEM_ADMIN", "AUDITOR"] as const) {
      as(role);
      expect((await endUser({}, form({ sessionId: sid }))).ok).toBeFalsy();
      // A user's own-sessions action never reaches another user's session.
      expect((await endOwn({}, form({ sessionId: sid }))).ok).toBeFalsy();
    }
    expect((await db.prisma.userSession.findUniqueOrThrow({ where: { id: sid } })).endedAt).toBeNull();
  });

  it("the security administrator: ended, audited", async () => {
    const sid = await openSession(3);
    as("SECURITY_ADMIN");
    const { endUser } = await actions();
    expect(await endUser({}, form({ sessionId: sid }))).toMatchObject({ ok: true, message: "已结束 gaj 的一个会话。" });
    const row = await db.prisma.userSession.findUniqueOrThrow({ where: { id: sid } });
    expect(row.endReason).toBe("securityAdmin");
    expect(
      await db.prisma.auditEvent.count({ where: { action: "session.endByAdmin", actorId: 5, targetId: "3" } }),
    ).toBe(1);
    expect(await endUser({}, form({ sessionId: "not-a-session" }))).toMatchObject({
      message: "参数无效 / invalid input",
    });
  });
});
