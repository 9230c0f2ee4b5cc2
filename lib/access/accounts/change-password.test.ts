import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/access/passwords";
import { getMessages } from "@/lib/i18n/messages";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { changeOwnPassword } from "./change-password";

let db: TestDatabase;
let userId: number;
const t = getMessages().readers.password;

beforeAll(async () => {
  db = await createTestDatabase();
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
        { current: "initial-pass-1", next: "my-own-password", confirm: "my-own-password" },
        t,
      ),
    ).toEqual({ ok: true });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ mustChangePassword: false, sessionVersion: 1 });
    expect(await verifyPassword(user.passwordHash, "my-own-password")).toBe(true);
    expect(await db.prisma.auditEvent.count({ where: { action: "user.changePassword", actorId: userId } })).toBe(1);
  });
});
