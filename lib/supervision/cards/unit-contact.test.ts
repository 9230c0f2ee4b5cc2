// Units' contact addresses encrypted at rest (issue 22, 数据保密性), on a real database: what the
// admin saves is stored sealed and bound to its unit, reads give it back in clear, the audit event
// says what changed, and addresses stored in clear before are sealed by encryptPlainContactEmails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { encryptPlainContactEmails, openContactEmail, setUnitContactEmail } from "./unit-contact";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe("units' contact addresses", () => {
  it("are stored sealed, read in clear, and the change is audited", async () => {
    const unit = await db.prisma.unit.create({
      data: { code: "d95", name: "测试局甲", kind: "DEPARTMENT", sortOrder: 1 },
    });
    expect(await setUnitContactEmail(db.prisma, "d95", "jia@example.org", null)).toBe(true);
    const stored = (await db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).contactEmail!;
    expect(stored).not.toContain("jia");
    expect(stored).not.toContain("example.org");
    expect(stored).toMatch(/^(sm4|aes):/);
    expect(openContactEmail(unit.id, stored)).toBe("jia@example.org");
    // Copied to another unit's row, it does not open.
    expect(() => openContactEmail(unit.id + 1, stored)).toThrow();
    await setUnitContactEmail(db.prisma, "d95", "jia2@example.org", null);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "settings.update", targetId: "d95" },
      orderBy: { id: "desc" },
    });
    // The append-only trail names which address, without holding it (issue 22, 数据保密性).
    expect(event.details).toEqual({ field: "contactEmail", before: "j***@example.org", after: "j***@example.org" });
    await setUnitContactEmail(db.prisma, "d95", null, null);
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { id: unit.id } })).contactEmail).toBeNull();
  });

  it("seals the addresses stored in clear before, once, and leaves sealed ones alone", async () => {
    const plain = await db.prisma.unit.create({
      data: { code: "d96", name: "测试局乙", kind: "DEPARTMENT", sortOrder: 2, contactEmail: "yi@example.org" },
    });
    await setUnitContactEmail(db.prisma, "d95", "jia@example.org", null);
    const sealedBefore = (await db.prisma.unit.findUniqueOrThrow({ where: { code: "d95" } })).contactEmail;
    expect(openContactEmail(plain.id, "yi@example.org")).toBe("yi@example.org"); // a plain value still reads
    expect(await encryptPlainContactEmails(db.prisma)).toBe(1);
    const stored = (await db.prisma.unit.findUniqueOrThrow({ where: { id: plain.id } })).contactEmail!;
    expect(stored).not.toContain("yi@");
    expect(openContactEmail(plain.id, stored)).toBe("yi@example.org");
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { code: "d95" } })).contactEmail).toBe(sealedBefore);
    expect(await encryptPlainContactEmails(db.prisma)).toBe(0);
  });
});
