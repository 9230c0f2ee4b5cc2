// The lockout and the address throttle under concurrent guesses, on a real
// database: attempts are counted one by one before any password is checked.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

// Count the real password checks (those against the user's own hash).
const checked = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock("@/lib/access/passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/access/passwords")>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      checked.hashes.push(hash);
      return real.verifyPassword(hash, password);
    },
  };
});

let db: TestDatabase;
let userId: number;
let hash: string;
const PASSWORD = "right-password-2021";

beforeAll(async () => {
  db = await createTestDatabase();
  const { hashPassword } = await import("@/lib/access/passwords");
  hash = await hashPassword(PASSWORD);
  userId = (
    await db.prisma.user.create({
      data: { username: "target", displayName: "T", passwordHash: hash, role: "OFFICIAL" },
    })
  ).id;
});
afterAll(() => db?.drop());
let since = 0;

beforeEach(async () => {
  await db.prisma.user.update({ where: { id: userId }, data: { failedLoginCount: 0, lockedUntil: null } });
  await db.prisma.loginThrottle.deleteMany();
  // The audit trail is append-only (issue 22): each test counts the events after this one.
  since = (await db.prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
  checked.hashes = [];
});

const check = async (password: string, address = "192.0.2.1", username = "target") => {
  const { checkCredentials } = await import("@/lib/access/sign-in-check");
  return checkCredentials(db.prisma, { username, password }, address);
};
const realChecks = () => checked.hashes.filter((h) => h === hash).length;

describe("account lockout", () => {
  it("checks at most 5 passwords of 30 simultaneous wrong guesses, and locks", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => check(`wrong-${i}`, `192.0.2.${i}`)));
    expect(results.every((r) => !r.ok && r.error === "invalid")).toBe(true);
    expect(realChecks()).toBe(5);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await db.prisma.auditEvent.count({ where: { action: "user.locked", id: { gt: since } } })).toBe(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "user.signInFailed", id: { gt: since } } })).toBe(30);
  });

  it("with 11 wrong guesses and the right one at once: at most 5 checked, the lock holds, no success lifts it", async () => {
    const guesses = Array.from({ length: 12 }, (_, i) => (i === 6 ? PASSWORD : `wrong-${i}`));
    await Promise.all(guesses.map((p, i) => check(p, `198.51.100.${i}`)));
    expect(realChecks()).toBeLessThanOrEqual(5);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user.lockedUntil).not.toBeNull();
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    // During the lock the right password is refused, with the wrong password's answer, and is not even checked.
    const before = realChecks();
    expect(await check(PASSWORD)).toEqual({ ok: false, error: "invalid" });
    expect(realChecks()).toBe(before);
  });

  it("answers a locked account exactly like a wrong password and an unknown user", async () => {
    const wrong = await check("wrong");
    const unknown = await check("wrong", "192.0.2.1", "nobody");
    await db.prisma.user.update({ where: { id: userId }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    const locked = await check(PASSWORD);
    expect(locked).toEqual(wrong);
    expect(unknown).toEqual(wrong);
  });

  it("signs in with the right password after fewer than 5 failures, and resets the count", async () => {
    for (let i = 0; i < 4; i++) await check(`wrong-${i}`);
    const result = await check(PASSWORD);
    expect(result.ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).failedLoginCount).toBe(0);
  });

  it("counts again from 1 once a lock has expired", async () => {
    await db.prisma.user.update({
      where: { id: userId },
      data: { failedLoginCount: 5, lockedUntil: new Date(Date.now() - 1000) },
    });
    expect((await check(PASSWORD)).ok).toBe(true);
  });
});

describe("address throttle", () => {
  it("blocks an address after 30 failures, counted exactly under concurrency, and only that address", async () => {
    await Promise.all(Array.from({ length: 30 }, () => check("wrong", "203.0.113.9", "nobody")));
    expect((await db.prisma.loginThrottle.findUniqueOrThrow({ where: { address: "203.0.113.9" } })).failures).toBe(30);
    expect(await check(PASSWORD, "203.0.113.9")).toEqual({ ok: false, error: "throttled" });
    expect((await check(PASSWORD, "203.0.113.10")).ok).toBe(true);
  });

  it("records every failure with the address and the reason", async () => {
    await check("wrong", "203.0.113.20", "nobody");
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.signInFailed", id: { gt: since } },
    });
    expect(event.details).toEqual({ username: "nobody", address: "203.0.113.20", reason: "unknownUser" });
  });
});
