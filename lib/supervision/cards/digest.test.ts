// The daily digest through a real SMTP server (smtp-server, on a free local port): what arrives,
// to whom, and that a card is announced once per level.
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/helpers/database";
import { type SmtpInbox, startSmtpInbox } from "@/test/helpers/smtp-inbox";
import { sendDailyDigest } from "./digest";
import { insertDailyCases } from "./open-case-fixture";
import { openSentTo } from "./unit-contact";

let db: TestDatabase;
let smtp: SmtpInbox;

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpInbox();
  const a = await db.prisma.unit.create({
    data: { code: "d97", name: "测试局丙", kind: "DEPARTMENT", sortOrder: 1, contactEmail: "bing@example.org" },
  });
  const b = await db.prisma.unit.create({ data: { code: "x97", name: "测试县丁", kind: "DISTRICT", sortOrder: 2 } });
  await insertDailyCases(db.prisma, [
    // Monday 2026-12-07, promise 1: yellow on 12-07 and 12-08, red from 12-09.
    { caseNo: "DG-Y", month: "2026-12", unitId: a.id, promisedDays: 1, acceptedAt: "2026-12-07 09:00:00" },
    // Red already on 12-08.
    { caseNo: "DG-R", month: "2026-12", unitId: a.id, promisedDays: 2, acceptedAt: "2026-12-02 09:00:00" },
    { caseNo: "DG-N", month: "2026-12", unitId: a.id, promisedDays: 10, acceptedAt: "2026-12-07 09:00:00" },
    { caseNo: "DG-B", month: "2026-12", unitId: b.id, promisedDays: 1, acceptedAt: "2026-12-02 09:00:00" },
  ]);
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  await db?.drop();
});

const transport = () => nodemailer.createTransport(`smtp://127.0.0.1:${smtp.port}`, { ignoreTLS: true } as object);

describe("the daily digest", () => {
  it("mails each unit with an address its new cards, and records them", async () => {
    const result = await sendDailyDigest(db.prisma, {
      transport: transport(),
      from: "dash@example.org",
      asOf: "2026-12-08",
    });
    expect(result.sent).toEqual([{ unitCode: "d97", to: "bing@example.org", red: 1, yellow: 1 }]);
    expect(result.withoutAddress).toEqual(["x97"]);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(["bing@example.org"]);
    expect(mail.subject).toBe("【预警】测试局丙：新增红牌 1 件、黄牌 1 件（2026-12-08）");
    expect(mail.text).toContain("红牌　DG-R");
    expect(mail.text).toContain("超期 2 个工作日");
    expect(mail.text).toContain("黄牌　DG-Y");
    expect(mail.text).not.toContain("DG-N");
    expect(mail.text).not.toContain("DG-B");
    const notices = await db.prisma.cardNotice.findMany({ orderBy: { caseNo: "asc" } });
    // Where it went is kept sealed (issue 22), readable with the key only.
    expect(notices.map((n) => [n.caseNo, n.level, n.sentTo.includes("bing@"), openSentTo(n.unitId, n.sentTo)])).toEqual(
      [
        ["DG-R", "RED", false, "bing@example.org"],
        ["DG-Y", "YELLOW", false, "bing@example.org"],
      ],
    );
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "supervision.digest" } });
    expect(audit).toHaveLength(1);
    // The append-only trail names the address without holding it.
    expect((audit[0]!.details as { to: string }).to).toBe("b***@example.org");
  });

  it("announces a card once: the same day again sends nothing", async () => {
    const result = await sendDailyDigest(db.prisma, {
      transport: transport(),
      from: "dash@example.org",
      asOf: "2026-12-08",
    });
    expect(result.sent).toEqual([]);
    expect(smtp.mails).toHaveLength(1);
  });

  it("announces a yellow card again when it turns red", async () => {
    const result = await sendDailyDigest(db.prisma, {
      transport: transport(),
      from: "dash@example.org",
      asOf: "2026-12-09",
    });
    expect(result.sent).toEqual([{ unitCode: "d97", to: "bing@example.org", red: 1, yellow: 0 }]);
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.text).toContain("红牌　DG-Y");
    expect(smtp.mails[1]!.text).not.toContain("DG-R");
  });

  it("sends nothing and records nothing when the server refuses", async () => {
    await db.prisma.unit.update({ where: { code: "x97" }, data: { contactEmail: "ding@example.org" } });
    const refusing = { sendMail: async () => Promise.reject(new Error("550 refused")) };
    const result = await sendDailyDigest(db.prisma, {
      transport: refusing,
      from: "dash@example.org",
      asOf: "2026-12-09",
    });
    expect(result.failed).toEqual([{ unitCode: "x97", error: "550 refused" }]);
    expect(await db.prisma.cardNotice.count({ where: { caseNo: "DG-B" } })).toBe(0);
  });
});
