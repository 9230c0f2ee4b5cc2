// The second factor on a real database (issue 22, 身份鉴别): the sign-in check with right, wrong,
// missing and replayed codes, recovery codes once, the lock, enrolment and the security
// administrator's reset, the demo accounts in production, and the secret encrypted at rest.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "@/lib/access/passwords";
import { openText, SecretBoxError, sealText } from "@/lib/access/secret-box";
import { checkCredentials } from "@/lib/access/sign-in-check";
import { confirmEnrolment, resetSecondFactor, startEnrolment } from "@/lib/access/two-factor/enrolment";
import { enrolDemoSecondFactor, storeSecondFactor } from "@/lib/access/two-factor/second-factor";
import {
  DEMO_TOTP_SECRET,
  newTotpSecret,
  TOTP_PERIOD_SECONDS,
  timeStepAt,
  totpCode,
} from "@/lib/access/two-factor/totp";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";

let db: TestDatabase;
const PASSWORD = "right-password-2021";
let hash: string;
let since = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  hash = await hashPassword(PASSWORD);
});
afterAll(() => db?.drop());
beforeEach(async () => {
  await db.prisma.loginThrottle.deleteMany();
  since = (await db.prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;
});
afterEach(() => vi.unstubAllEnvs());

let n = 0;
async function enrolledUser(
  secret = newTotpSecret(),
): Promise<{ id: number; username: string; secret: string; codes: string[] }> {
  const username = `tf${++n}`;
  const { id } = await db.prisma.user.create({
    data: { username, displayName: username, passwordHash: hash, role: "OFFICIAL" },
  });
  // Enrolled at step 0: any current code is new.
  const codes = await db.prisma.$transaction((tx) => storeSecondFactor(tx, id, secret, 0));
  return { id, username, secret, codes };
}

const check = (username: string, code?: string, password = PASSWORD, address = "192.0.2.50") =>
  checkCredentials(db.prisma, code === undefined ? { username, password } : { username, password, code }, address);
const events = (action: string) => db.prisma.auditEvent.findMany({ where: { action, id: { gt: since } } });

describe("the sign-in check with a second factor", () => {
  it("signs in with the password and the app's current code", async () => {
    const user = await enrolledUser();
    const result = await check(user.username, await totpCode(user.secret));
    expect(result.ok).toBe(true);
    const stored = await db.prisma.userTwoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.lastUsedStep).toBe(timeStepAt(new Date()));
  });

  it("gives nothing for the right password without the code, or with a wrong one, and says no more than for a wrong password", async () => {
    const user = await enrolledUser();
    const wrongPassword = await check(user.username, await totpCode(user.secret), "not-the-password");
    const noCode = await check(user.username);
    const emptyCode = await check(user.username, "");
    const right = await totpCode(user.secret);
    const wrongCode = await check(user.username, right === "000000" ? "111111" : "000000");
    const letters = await check(user.username, "abcdef");
    for (const result of [noCode, emptyCode, wrongCode, letters]) expect(result).toEqual(wrongPassword);
    expect(wrongPassword).toEqual({ ok: false, error: "invalid" });
    const failed = await events("user.twoFactorFailed");
    expect(failed.map((e) => (e.details as { reason: string }).reason).sort()).toEqual([
      "missingCode",
      "missingCode",
      "wrongCode",
      "wrongCode",
    ]);
    expect(failed.every((e) => e.targetId === String(user.id))).toBe(true);
  });

  it("accepts a code once: the same code again (its time step) is refused", async () => {
    const user = await enrolledUser();
    const code = await totpCode(user.secret);
    expect((await check(user.username, code)).ok).toBe(true);
    expect(await check(user.username, code)).toEqual({ ok: false, error: "invalid" });
    // Even the code of the step before (within the clock tolerance) is older than the one used.
    const earlier = await totpCode(user.secret, new Date(Date.now() - TOTP_PERIOD_SECONDS * 1000));
    expect(await check(user.username, earlier)).toEqual({ ok: false, error: "invalid" });
    const reasons = (await events("user.twoFactorFailed")).map((e) => (e.details as { reason: string }).reason);
    expect(reasons).toContain("replayedCode");
  });

  it("lets one of two simultaneous sign-ins with one code through", async () => {
    const user = await enrolledUser();
    const code = await totpCode(user.secret);
    const results = await Promise.all([check(user.username, code), check(user.username, code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("accepts each recovery code once in place of a code, and records it", async () => {
    const user = await enrolledUser();
    expect(user.codes).toHaveLength(10);
    expect(user.codes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // Typed in capitals and without the hyphen: the same code.
    expect((await check(user.username, user.codes[0]!.toUpperCase().replace("-", ""))).ok).toBe(true);
    expect(await check(user.username, user.codes[0])).toEqual({ ok: false, error: "invalid" });
    expect((await check(user.username, user.codes[1])).ok).toBe(true);
    const used = await events("user.twoFactorRecoveryUsed");
    expect(used.map((e) => (e.details as { remaining: number }).remaining)).toEqual([9, 8]);
    expect(await db.prisma.twoFactorRecoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(8);
  });

  it("counts wrong codes towards the lock: after 5 the right code is refused", async () => {
    const user = await enrolledUser();
    for (let i = 0; i < 5; i++)
      await check(user.username, "000000" === (await totpCode(user.secret)) ? "111111" : "000000");
    const locked = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await check(user.username, await totpCode(user.secret))).toEqual({ ok: false, error: "invalid" });
    expect(await events("user.locked")).toHaveLength(1);
  });

  it("lets a user whose role needs a second factor and who has none sign in (to enrol: permissions.ts)", async () => {
    await db.prisma.user.create({
      data: { username: "noneyet", displayName: "n", passwordHash: hash, role: "SYSTEM_ADMIN" },
    });
    expect((await check("noneyet")).ok).toBe(true);
  });

  it("keeps the secret encrypted at rest: the column holds neither the base32 secret nor its bytes", async () => {
    const user = await enrolledUser();
    const row = await db.prisma.userTwoFactor.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretSealed).not.toContain(user.secret);
    expect(row.secretSealed).not.toContain(Buffer.from(user.secret).toString("base64url"));
    expect(row.secretSealed).toMatch(/^(sm4|aes):/);
    expect(openText(row.secretSealed, `UserTwoFactor.secret:${user.id}`)).toBe(user.secret);
    // Copied into another user's row, it does not open; nor with another key.
    expect(() => openText(row.secretSealed, `UserTwoFactor.secret:${user.id + 1}`)).toThrow(SecretBoxError);
    vi.stubEnv("FIELD_ENCRYPTION_KEY", "another-key-of-at-least-thirty-two-characters");
    expect(() => openText(row.secretSealed, `UserTwoFactor.secret:${user.id}`)).toThrow(SecretBoxError);
    // Recovery codes: only their keyed hashes.
    const hashes = await db.prisma.twoFactorRecoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.some((h) => user.codes.some((c) => h.codeHash.includes(c.replace("-", ""))))).toBe(false);
  });
});

describe("the secret box", () => {
  it("seals with SM4 where the runtime has it, and refuses a changed value", () => {
    const sealed = sealText("JBSWY3DPEHPK3PXP", "ctx");
    expect(sealed.startsWith("sm4:")).toBe(true); // Node's OpenSSL 3 has SM4-CTR and SM3
    expect(openText(sealed, "ctx")).toBe("JBSWY3DPEHPK3PXP");
    const parts = sealed.split(":");
    const flipped = Buffer.from(parts[2]!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    parts[2] = flipped.toString("base64url");
    expect(() => openText(parts.join(":"), "ctx")).toThrow(SecretBoxError);
  });

  it("refuses to work in production without a key of its own", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("FIELD_ENCRYPTION_KEY", "");
    expect(() => sealText("x", "ctx")).toThrow(/FIELD_ENCRYPTION_KEY/);
    vi.stubEnv("FIELD_ENCRYPTION_KEY", "short");
    expect(() => sealText("x", "ctx")).toThrow(/32/);
  });
});

describe("enrolment and reset", () => {
  it("stores the secret the page showed once a code from it confirms it; ends the other sessions; audited", async () => {
    const { id } = await db.prisma.user.create({
      data: { username: "enrol1", displayName: "e", passwordHash: hash, role: "OFFICIAL" },
    });
    const { secret, pending } = startEnrolment(id);
    expect(
      await confirmEnrolment(db.prisma, id, pending, "000000" === (await totpCode(secret)) ? "111111" : "000000"),
    ).toEqual({
      ok: false,
      reason: "wrongCode",
    });
    expect(await db.prisma.userTwoFactor.count({ where: { userId: id } })).toBe(0);
    // Another user's pending enrolment does not open for this one.
    const other = startEnrolment(id + 1000);
    expect(await confirmEnrolment(db.prisma, id, other.pending, await totpCode(other.secret))).toEqual({
      ok: false,
      reason: "expired",
    });
    const code = await totpCode(secret);
    const result = await confirmEnrolment(db.prisma, id, pending, code);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    expect(result.sessionVersion).toBe(1);
    expect((await events("user.twoFactorEnrolled")).map((e) => e.actorId)).toEqual([id]);
    // The code that confirmed it is used: it does not sign in again.
    expect(await check("enrol1", code)).toEqual({ ok: false, error: "invalid" });
    expect((await check("enrol1", result.recoveryCodes[0])).ok).toBe(true);
    // A second enrolment over the first: refused (a new one comes after a reset).
    const again = startEnrolment(id);
    expect(await confirmEnrolment(db.prisma, id, again.pending, await totpCode(again.secret))).toEqual({
      ok: false,
      reason: "alreadyEnrolled",
    });
  });

  it("refuses an expired enrolment page", async () => {
    const { id } = await db.prisma.user.create({
      data: { username: "enrol2", displayName: "e", passwordHash: hash, role: "OFFICIAL" },
    });
    const { secret, pending } = startEnrolment(id, new Date(Date.now() - 16 * 60_000));
    expect(await confirmEnrolment(db.prisma, id, pending, await totpCode(secret))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("the security administrator's reset removes the factor and its codes, ends the sessions, and is audited", async () => {
    const user = await enrolledUser();
    const { id: actorId } = await db.prisma.user.create({
      data: { username: `sec${n}`, displayName: "s", passwordHash: hash, role: "SECURITY_ADMIN" },
    });
    expect(await resetSecondFactor(db.prisma, actorId, user.id)).toBe(user.username);
    expect(await db.prisma.userTwoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.prisma.twoFactorRecoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    const [event] = await events("user.twoFactorReset");
    expect(event).toMatchObject({ actorId, targetId: String(user.id), details: { username: user.username } });
    // Nothing to reset the second time: nothing changes, nothing is recorded.
    expect(await resetSecondFactor(db.prisma, actorId, user.id)).toBeNull();
    expect(await events("user.twoFactorReset")).toHaveLength(1);
  });
});

describe("the demo accounts", () => {
  it("are refused in production mode unless ALLOW_DEMO_ACCOUNTS=1, with their own answer after the password", async () => {
    const { id } = await db.prisma.user.create({
      data: { username: "demo1", displayName: "d", passwordHash: hash, role: "OFFICIAL" },
    });
    await enrolDemoSecondFactor(db.prisma, id);
    const code = () => totpCode(DEMO_TOTP_SECRET);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv(
      "FIELD_ENCRYPTION_KEY",
      process.env.FIELD_ENCRYPTION_KEY || "dashboard-demo-field-encryption-key-not-for-production",
    );
    vi.stubEnv("ALLOW_DEMO_ACCOUNTS", "");
    expect(await check("demo1", await code())).toEqual({ ok: false, error: "demo" });
    // A wrong password learns nothing of it.
    expect(await check("demo1", await code(), "wrong")).toEqual({ ok: false, error: "invalid" });
    // The README's admin and password, on an account without the demo secret: refused too.
    await db.prisma.user.create({
      data: {
        username: "admin",
        displayName: "a",
        passwordHash: await hashPassword("admin-demo-2021"),
        role: "SYSTEM_ADMIN",
      },
    });
    expect(await check("admin", undefined, "admin-demo-2021")).toEqual({ ok: false, error: "demo" });
    expect(await events("user.demoRefused")).toHaveLength(2);
    vi.stubEnv("ALLOW_DEMO_ACCOUNTS", "1");
    expect((await check("demo1", await code())).ok).toBe(true);
  });
});
