import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/access/passwords";
import { fill } from "@/lib/i18n/fill";
import { getMessages } from "@/lib/i18n/messages";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { changeOwnPassword } from "./change-password";

let db: TestDatabase;
let userId: number;
const t = getMessages().readers.password;
// The lock's message with the default policy's numbers (5 failures, 15 minutes).
const lockedWithDefaults = fill(t.locked, { failures: 5, minutes: 15 });

beforeAll(async () => {
  db = await createTestDatabase();
  // lib/access/viewer-status.ts reads through lib/db's client: the same database.
  process.env.DATABASE_URL = db.url;
  process.env.AUTH_SECRET = "test-secret-for-change-password-0123456789";
  const user = await db.prisma.user.create({
    data: {
      username: "sfj",
      displayName: "市司法局",
      role: "OFFICIAL",
      passwordHash: await hashPassword("initial-pass-1"),
      mustChangePassword: true,
    },
  });
  userId = user.id;
});
afterAll(() => db?.drop());

describe("changeOwnPassword", () => {
  it("refuses a wrong current password, a short, repeated or mismatched new one, changing nothing", async () => {
    const attempt = (current: string, next: string, confirm = next) =>
      changeOwnPassword(db.prisma, userId, { current, next, confirm }, t);
    expect(await attempt("wrong-password", "a-new-password")).toEqual({ ok: false, error: t.wrongCurrent });
    expect(await attempt("initial-pass-1", "short")).toEqual({ ok: false, error: t.tooShort });
    expect(await attempt("initial-pass-1", "a-new-password", "another-one")).toEqual({ ok: false, error: t.mismatch });
    expect(await attempt("initial-pass-1", "initial-pass-1")).toEqual({ ok: false, error: t.same });
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      mustChangePassword: true,
      sessionVersion: 0,
    });
  });

  it("sets the new password, clears the forced change, ends the sessions and is audited", async () => {
    expect(
      await changeOwnPassword(
        db.prisma,
        userId,
        { current: "initial-pass-1", next: "my-own-password-1", confirm: "my-own-password-1" },
        t,
      ),
    ).toEqual({ ok: true });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
    expect(await verifyPassword(user.passwordHash, "my-own-password-1")).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: "user.changePassword", actorId: userId } })).toBe(1);
  });
});

// Issue 19, item 6: the current password is a password guess like a sign-in.
describe("a wrong current password counts like a failed sign-in", () => {
  let id: number;
  beforeAll(async () => {
    id = (
      await db.prisma.user.create({
        data: {
          username: "guessed",
          displayName: "被猜",
          role: "OFFICIAL",
          passwordHash: await hashPassword("right-pass-1"),
        },
      })
    ).id;
  });
  const attempt = (current: string, address = "198.51.100.7") =>
    changeOwnPassword(db.prisma, id, { current, next: "another-pass-9", confirm: "another-pass-9" }, t, address);

  it("12 guesses: 5 passwords checked, the account locked, the right one refused during the lock, all audited", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await attempt(`guess-${i}`));
    expect(answers.slice(0, 4)).toEqual(Array(4).fill({ ok: false, error: t.wrongCurrent }));
    expect(answers.slice(4)).toEqual(Array(8).fill({ ok: false, error: lockedWithDefaults }));
    // The right password during the lock changes nothing.
    expect(await attempt("right-pass-1")).toEqual({ ok: false, error: lockedWithDefaults });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(user.sessionVersion).toBe(0);
    expect(await verifyPassword(user.passwordHash, "right-pass-1")).toBe(true);
    const failures = await db.prisma.auditEvent.findMany({
      where: { action: "user.changePasswordFailed", targetId: String(id) },
      orderBy: { id: "asc" },
    });
    expect(failures).toHaveLength(13);
    expect(failures.map((f) => (f.details as { reason: string }).reason)).toEqual([
      ...Array(5).fill("wrongPassword"),
      ...Array(8).fill("locked"),
    ]);
    expect(failures[0]).toMatchObject({ actorId: id, details: { address: "198.51.100.7" } });
    expect(await db.prisma.auditEvent.count({ where: { action: "user.locked", targetId: String(id) } })).toBe(1);
    // The address's window counts them too, as for sign-in.
    const throttle = await db.prisma.loginThrottle.findUniqueOrThrow({ where: { address: "198.51.100.7" } });
    expect(throttle.failures).toBe(13);
  });

  it("an address past the sign-in limit is refused before any password is checked", async () => {
    await db.prisma.loginThrottle.create({ data: { address: "203.0.113.9", windowStart: new Date(), failures: 30 } });
    await db.prisma.user.update({ where: { id }, data: { lockedUntil: null, failedLoginCount: 0 } });
    expect(await attempt("right-pass-1", "203.0.113.9")).toEqual({ ok: false, error: t.throttled });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id } })).failedLoginCount).toBe(0);
  });
});

describe("a password change ends the cookies issued before it at once (issue 19, item 6)", () => {
  it("a cookie read a moment before is refused on the very next request, not 5 s later", async () => {
    const { readSession } = await import("@/lib/access/session");
    const user = await db.prisma.user.create({
      data: {
        username: "cookie",
        displayName: "旧会话",
        role: "OFFICIAL",
        passwordHash: await hashPassword("old-pass-12"),
      },
    });
    const salt = "authjs.session-token";
    // Issue 22: a cookie names its open session.
    const sid = "00000000-0000-4000-8000-0000000000c0";
    await db.prisma.userSession.create({
      data: { id: sid, userId: user.id, sessionVersion: 0, address: "x", userAgent: "x" },
    });
    const cookie = {
      name: salt,
      value: await encode({
        token: { userId: user.id, role: "OFFICIAL", unitCode: null, sessionVersion: 0, sid },
        secret: process.env.AUTH_SECRET!,
        salt,
        maxAge: 3600,
      }),
    };
    // The status is now cached in this process (as after any page view).
    expect((await readSession([cookie]))?.viewer.userId).toBe(user.id);
    const changed = await changeOwnPassword(
      db.prisma,
      user.id,
      { current: "old-pass-12", next: "new-pass-123", confirm: "new-pass-123" },
      t,
    );
    expect(changed).toEqual({ ok: true });
    const started = Date.now();
    expect(await readSession([cookie])).toBeNull();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
