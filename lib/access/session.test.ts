// The session cookie as the proxy reads it: compatible with what Auth.js
// issues, refused when tampered with, expired, or issued before the user's
// sessionVersion changed (sign-out, deactivation, password reset, role change).
import { decode, encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
let userId: number;
const SALT = "authjs.session-token";
/** Issue 22: every cookie names its open session (UserSession); one for these tests. */
const SID = "00000000-0000-4000-8000-000000000001";

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.AUTH_SECRET = "test-secret-for-session-tests-0123456789";
  const unit = await db.prisma.unit.create({
    data: { code: "d08", name: "市公安局", kind: "DEPARTMENT", sortOrder: 8 },
  });
  userId = (
    await db.prisma.user.create({
      data: { username: "gaj", displayName: "市公安局", passwordHash: "x", role: "DEPARTMENT", unitId: unit.id },
    })
  ).id;
  await db.prisma.userSession.create({
    data: { id: SID, userId, sessionVersion: 0, address: "127.0.0.1", userAgent: "vitest" },
  });
});
afterAll(() => db?.drop());

const authJsToken = (claims: Record<string, unknown>, maxAge = 3600) =>
  encode({
    token: { userId, role: "DEPARTMENT", unitCode: "d08", sessionVersion: 0, sid: SID, ...claims },
    secret: process.env.AUTH_SECRET!,
    salt: SALT,
    maxAge,
  });

const session = async () => import("@/lib/access/session");
const status = async () => import("@/lib/access/viewer-status");

describe("readSession", () => {
  it("reads a cookie Auth.js issued", async () => {
    const { readSession } = await session();
    const result = await readSession([{ name: SALT, value: await authJsToken({}) }]);
    expect(result?.viewer).toEqual({ userId, role: "DEPARTMENT", unitCode: "d08", mustChangePassword: false });
  });

  it("refuses a tampered, a foreign-key or an expired token, and no cookie", async () => {
    const { readSession } = await session();
    const token = await authJsToken({});
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await readSession([{ name: SALT, value: tampered }])).toBeNull();
    const foreign = await encode({
      token: { userId, sessionVersion: 0 },
      secret: "another-secret-0123456789",
      salt: SALT,
    });
    expect(await readSession([{ name: SALT, value: foreign }])).toBeNull();
    expect(
      await readSession([{ name: SALT, value: await authJsToken({}, 3600) }], Date.now() + 2 * 3600_000),
    ).toBeNull();
    expect(await readSession([])).toBeNull();
    expect(await readSession([{ name: "other", value: token }])).toBeNull();
  });

  it("refuses a cookie copied before the user's sessionVersion was bumped (sign-out), within the status window", async () => {
    const { readSession } = await session();
    const copied = await authJsToken({});
    expect(await readSession([{ name: SALT, value: copied }])).not.toBeNull();
    await db.prisma.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    (await status()).forgetUserStatus(userId); // another instance: within 5 s
    expect(await readSession([{ name: SALT, value: copied }])).toBeNull();
    await db.prisma.user.update({ where: { id: userId }, data: { sessionVersion: 0 } });
    (await status()).forgetUserStatus(userId);
  });

  it("takes role and unit from the database, not from the cookie", async () => {
    const { readSession } = await session();
    const forged = await authJsToken({ role: "SYSTEM_ADMIN", unitCode: "x04" });
    expect((await readSession([{ name: SALT, value: forged }]))?.viewer).toEqual({
      userId,
      role: "DEPARTMENT",
      unitCode: "d08",
      mustChangePassword: false,
    });
  });

  it("re-issues an hour-old cookie as a token Auth.js reads, with a new expiry", async () => {
    const { readSession, needsRefresh, reissueToken, SESSION_MAX_AGE_SECONDS } = await session();
    const old = await readSession([{ name: SALT, value: await authJsToken({}) }]);
    expect(needsRefresh(old!.payload)).toBe(false);
    expect(needsRefresh(old!.payload, Date.now() + 61 * 60_000)).toBe(true);
    const { value, expires } = await reissueToken(old!, Date.now() + 61 * 60_000);
    const payload = await decode({ token: value, secret: process.env.AUTH_SECRET!, salt: SALT });
    expect(payload).toMatchObject({ userId, sessionVersion: 0 });
    expect(Math.abs(expires.getTime() - (Date.now() + 61 * 60_000 + SESSION_MAX_AGE_SECONDS * 1000))).toBeLessThan(
      2000,
    );
  });
});
