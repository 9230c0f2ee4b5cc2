// Issue 22 (身份鉴别): password rules on every path that sets one, the last 5 passwords, expiry
// forcing the change, sessions that end on the server when idle (an injected clock), at the
// absolute limit, or when ended from another session or by the security administrator; the lock's
// policy. Real PostgreSQL; the cookies are the ones Auth.js issues (its own encode).
import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
const SALT = "authjs.session-token";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.AUTH_SECRET = "test-secret-for-user-sessions-0123456789";
});
afterAll(() => db?.drop());

const modules = async () => ({
  ...(await import("@/lib/access/session")),
  ...(await import("@/lib/access/user-sessions")),
  ...(await import("@/lib/access/accounts/create-user")),
  ...(await import("@/lib/access/accounts/change-password")),
  ...(await import("@/lib/access/accounts/new-password")),
  ...(await import("@/lib/access/passwords")),
  ...(await import("@/lib/access/permissions")),
  ...(await import("@/lib/access/session-activity")),
  ...(await import("@/lib/i18n/messages")),
});

let serial = 0;
async function newUser(password = "Initial-pass-1", extra: { passwordChangedAt?: Date } = {}) {
  const { hashPassword } = await modules();
  serial += 1;
  return db.prisma.user.create({
    data: {
      username: `u${serial}`,
      displayName: `用户${serial}`,
      role: "OFFICIAL",
      passwordHash: await hashPassword(password),
      ...extra,
    },
  });
}

/** A session as sign-in starts it, and the cookie Auth.js would set for it. */
async function signedIn(user: { id: number; sessionVersion: number }, now = new Date(), maxAge = 8 * 3600) {
  const { startUserSession } = await modules();
  const sid = await startUserSession(
    db.prisma,
    { userId: user.id, sessionVersion: user.sessionVersion, address: "203.0.113.7", userAgent: "Firefox/128.0" },
    now,
  );
  const value = await encode({
    token: { userId: user.id, role: "OFFICIAL", unitCode: null, sessionVersion: user.sessionVersion, sid },
    secret: process.env.AUTH_SECRET!,
    salt: SALT,
    maxAge,
  });
  return { sid, cookies: [{ name: SALT, value }] };
}

describe("password rules on every path that sets a password", () => {
  it("user creation (admin page, npm run user:create) refuses each broken rule with its message, in either language", async () => {
    const { createUser, UserInputError, getMessages } = await modules();
    const input = (password: string) => ({
      username: "liming",
      displayName: "李明",
      password,
      role: "OFFICIAL" as const,
      unitCode: null,
    });
    const zh = getMessages("zh-CN").sessions.passwordRules;
    const en = getMessages("en").sessions.passwordRules;
    await expect(createUser(db.prisma, input("abcdefghijk"), null)).rejects.toThrow(zh.classes);
    await expect(createUser(db.prisma, input("Liming-2024!"), null)).rejects.toThrow(zh.username);
    await expect(createUser(db.prisma, input("abcdefghijk"), null, { locale: "en" })).rejects.toThrow(en.classes);
    await expect(createUser(db.prisma, input("abcdefghijk"), null)).rejects.toBeInstanceOf(UserInputError);
    expect(await db.prisma.user.count({ where: { username: "liming" } })).toBe(0);
    const { id } = await createUser(db.prisma, input("Li-strong-2024"), null);
    expect(await db.prisma.passwordHistory.count({ where: { userId: id } })).toBe(1);
  });

  it("the user's own change refuses fewer than 3 classes and the username, after the current password is proven", async () => {
    const { changeOwnPassword, getMessages } = await modules();
    const user = await newUser("Initial-pass-1");
    const t = getMessages().readers.password;
    const rules = getMessages().sessions.passwordRules;
    const change = (current: string, next: string) =>
      changeOwnPassword(db.prisma, user.id, { current, next, confirm: next }, t);
    // A wrong current password answers as before, whatever the new one.
    expect(await change("wrong-pass-1", "abcdefghijk")).toEqual({ ok: false, error: t.wrongCurrent });
    expect(await change("Initial-pass-1", "abcdefghijk")).toEqual({ ok: false, error: rules.classes });
    expect(await change("Initial-pass-1", `Xy-${user.username}-20245`)).toEqual({ ok: false, error: rules.username });
    const unchanged = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(unchanged.sessionVersion).toBe(0);
  });

  it("a new password may not be any of the last 5; the 6th back is allowed again", async () => {
    const { changeOwnPassword, getMessages, newPasswordProblem } = await modules();
    const user = await newUser("Password-0");
    const t = getMessages().readers.password;
    const historyMessage = getMessages().sessions.passwordRules.history.replace("{count}", "5");
    let current = "Password-0";
    for (const next of ["Password-1", "Password-2", "Password-3", "Password-4", "Password-5"]) {
      expect(await changeOwnPassword(db.prisma, user.id, { current, next, confirm: next }, t)).toEqual({ ok: true });
      current = next;
    }
    // Password-1 … Password-5 are the last 5 (Password-5 the current one).
    for (const old of ["Password-1", "Password-3", "Password-5"]) {
      expect(await newPasswordProblem(db.prisma, { userId: user.id, username: user.username }, old)).toBe(
        historyMessage,
      );
    }
    expect(
      await changeOwnPassword(db.prisma, user.id, { current, next: "Password-2", confirm: "Password-2" }, t),
    ).toEqual({ ok: false, error: historyMessage });
    // Password-0 was 6 changes ago: allowed.
    expect(
      await changeOwnPassword(db.prisma, user.id, { current, next: "Password-0", confirm: "Password-0" }, t),
    ).toEqual({ ok: true });
    expect(await db.prisma.passwordHistory.count({ where: { userId: user.id } })).toBe(5);
  });
});

describe("password expiry", () => {
  it("a password past 90 days sends the user to /account/password before anything; audited; the change lifts it", async () => {
    const { readSession, authorizePath, changeOwnPassword, getMessages } = await modules();
    const user = await newUser("Old-password-1", { passwordChangedAt: new Date(Date.now() - 91 * DAY) });
    const { cookies } = await signedIn(user);
    const viewer = (await readSession(cookies))!.viewer;
    expect(viewer.mustChangePassword).toBe(true);
    expect(authorizePath(viewer, "/2021-06")).toBe("changePassword");
    expect(authorizePath(viewer, "/api/export/2021-06/unit/d08")).toBe("changePassword");
    expect(authorizePath(viewer, "/account/password")).toBe("allow");
    expect(
      await db.prisma.auditEvent.count({ where: { action: "user.passwordExpired", targetId: String(user.id) } }),
    ).toBe(1);

    const t = getMessages().readers.password;
    expect(
      await changeOwnPassword(
        db.prisma,
        user.id,
        { current: "Old-password-1", next: "New-password-2", confirm: "New-password-2" },
        t,
      ),
    ).toEqual({ ok: true });
    const changed = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(Date.now() - changed.passwordChangedAt.getTime()).toBeLessThan(60_000);
    const again = await signedIn(changed);
    expect((await readSession(again.cookies))!.viewer.mustChangePassword).toBe(false);
  });

  it("a password of 89 days is not expired", async () => {
    const { readSession } = await modules();
    const user = await newUser("Old-password-1", { passwordChangedAt: new Date(Date.now() - 89 * DAY) });
    expect((await readSession((await signedIn(user)).cookies))!.viewer.mustChangePassword).toBe(false);
  });
});

describe("sessions end on the server", () => {
  it("idle for longer than the policy's time: refused, ended and audited once; activity keeps it open", async () => {
    const { readSession } = await modules();
    const user = await newUser();
    const start = Date.now();
    const { sid, cookies } = await signedIn(user, new Date(start));
    // Requests 29 minutes apart keep it open (each one is its activity, written at most once a minute).
    expect(await readSession(cookies, start + 29 * MINUTE)).not.toBeNull();
    expect(await readSession(cookies, start + 58 * MINUTE)).not.toBeNull();
    const row = await db.prisma.userSession.findUniqueOrThrow({ where: { id: sid } });
    expect(row.lastSeenAt.getTime()).toBe(start + 58 * MINUTE);
    // 31 minutes without a request: refused, on the server, whatever the browser does.
    expect(await readSession(cookies, start + 89 * MINUTE)).toBeNull();
    expect(await readSession(cookies, start + 90 * MINUTE)).toBeNull();
    const ended = await db.prisma.userSession.findUniqueOrThrow({ where: { id: sid } });
    expect(ended.endReason).toBe("idle");
    expect(
      await db.prisma.auditEvent.count({ where: { action: "session.idleExpired", targetId: String(user.id) } }),
    ).toBe(1);
    // Ended is ended: the same cookie at a time that would not have been idle is still refused.
    expect(await readSession(cookies, start + 59 * MINUTE)).toBeNull();
  });

  it("follows the security administrator's idle time", async () => {
    const { readSession, forgetSecurityPolicy } = await modules();
    await db.prisma.setting.create({ data: { key: "security.policy", value: { idleMinutes: 5 } } });
    forgetSecurityPolicy();
    try {
      const user = await newUser();
      const start = Date.now();
      const { cookies } = await signedIn(user, new Date(start));
      expect(await readSession(cookies, start + 4 * MINUTE)).not.toBeNull();
      expect(await readSession(cookies, start + 10 * MINUTE)).toBeNull();
    } finally {
      await db.prisma.setting.delete({ where: { key: "security.policy" } });
      forgetSecurityPolicy();
    }
  });

  it("at the absolute limit (8 hours from sign-in), however active, even with a cookie that has not expired", async () => {
    const { readSession } = await modules();
    const user = await newUser();
    const { sid, cookies } = await signedIn(user, new Date(Date.now() - 8 * 3600_000 - MINUTE), 24 * 3600);
    await db.prisma.userSession.update({ where: { id: sid }, data: { lastSeenAt: new Date() } });
    expect(await readSession(cookies)).toBeNull();
    expect((await db.prisma.userSession.findUniqueOrThrow({ where: { id: sid } })).endReason).toBe("maxAge");
  });

  it("a cookie without a session (issued before sessions were recorded) or naming another user's session is refused", async () => {
    const { readSession } = await modules();
    const user = await newUser();
    const other = await newUser();
    const { sid } = await signedIn(other);
    const token = (claims: Record<string, unknown>) =>
      encode({
        token: { userId: user.id, role: "OFFICIAL", unitCode: null, sessionVersion: 0, ...claims },
        secret: process.env.AUTH_SECRET!,
        salt: SALT,
        maxAge: 3600,
      });
    expect(await readSession([{ name: SALT, value: await token({}) }])).toBeNull();
    expect(await readSession([{ name: SALT, value: await token({ sid }) }])).toBeNull();
  });

  it("ending another of one's sessions refuses its cookie at once; one's own current session and other users' sessions are out of reach", async () => {
    const { readSession, endSessions, listOpenSessions } = await modules();
    const user = await newUser();
    const stranger = await newUser();
    const a = await signedIn(user);
    const b = await signedIn(user);
    const c = await signedIn(stranger);
    expect(await readSession(b.cookies)).not.toBeNull(); // B's state is now cached in this process
    expect((await listOpenSessions(db.prisma, { userId: user.id })).map((s) => s.id).sort()).toEqual(
      [a.sid, b.sid].sort(),
    );

    // From A: neither A itself nor the stranger's C can be ended.
    const self = { kind: "self" as const, userId: user.id, currentSid: a.sid };
    expect(await endSessions(db.prisma, [a.sid, c.sid], self)).toEqual([]);
    expect(await readSession(a.cookies)).not.toBeNull();
    expect(await readSession(c.cookies)).not.toBeNull();

    expect((await endSessions(db.prisma, [b.sid], self)).map((e) => e.id)).toEqual([b.sid]);
    expect(await readSession(b.cookies)).toBeNull();
    expect(await readSession(a.cookies)).not.toBeNull();
    expect((await listOpenSessions(db.prisma, { userId: user.id })).map((s) => s.id)).toEqual([a.sid]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "session.endOwn" } });
    expect(event).toMatchObject({ actorId: user.id, targetId: String(user.id) });

    // The security administrator ends the stranger's session.
    const admin = await newUser();
    expect((await endSessions(db.prisma, [c.sid], { kind: "securityAdmin", actorId: admin.id })).length).toBe(1);
    expect(await readSession(c.cookies)).toBeNull();
    expect(
      await db.prisma.auditEvent.count({
        where: { action: "session.endByAdmin", actorId: admin.id, targetId: String(stranger.id) },
      }),
    ).toBe(1);
  });

  it("all other sessions at once, the asking one kept", async () => {
    const { readSession, endSessions } = await modules();
    const user = await newUser();
    const a = await signedIn(user);
    const b = await signedIn(user);
    const c = await signedIn(user);
    const ended = await endSessions(db.prisma, "allOthers", { kind: "self", userId: user.id, currentSid: a.sid });
    expect(ended.map((e) => e.id).sort()).toEqual([b.sid, c.sid].sort());
    expect(await readSession(a.cookies)).not.toBeNull();
    expect(await readSession(b.cookies)).toBeNull();
    expect(await readSession(c.cookies)).toBeNull();
  });
});

describe("the lock follows the security policy", () => {
  it("locks after the policy's number of failures, for its duration", async () => {
    const { checkCredentials } = await import("@/lib/access/sign-in-check");
    const user = await newUser("Right-password-1");
    await db.prisma.setting.create({
      data: { key: "security.policy", value: { lockAfterFailures: 3, lockMinutes: 5 } },
    });
    try {
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push(
          await checkCredentials(db.prisma, { username: user.username, password: "wrong" }, `198.51.100.${i}`),
        );
      expect(results.every((r) => !r.ok)).toBe(true);
      const locked = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(locked.lockedUntil).not.toBeNull();
      const minutes = (locked.lockedUntil!.getTime() - Date.now()) / MINUTE;
      expect(minutes).toBeGreaterThan(4);
      expect(minutes).toBeLessThanOrEqual(5);
      // The right password during the lock: refused.
      expect(
        (await checkCredentials(db.prisma, { username: user.username, password: "Right-password-1" }, "198.51.100.9"))
          .ok,
      ).toBe(false);
    } finally {
      await db.prisma.setting.delete({ where: { key: "security.policy" } });
    }
  });
});
