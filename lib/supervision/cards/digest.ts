// The daily digest (每日预警摘要): each unit with a contact address (Unit.contactEmail) gets one
// mail listing its NEW yellow and red cards, i.e. cards not yet announced at that level (a card
// that was yellow and is now red is announced again, as red). What was sent is recorded in
// CardNotice (case, level, address) in the same transaction as its audit event, right after the
// server accepted the mail, so a card is announced once; a mail the server refused records
// nothing and is tried again on the next run. Units without an address are skipped.
//
// The mail goes through the SMTP server of SMTP_URL (nodemailer; e.g. smtp://user:pass@host:587),
// from SMTP_FROM. Run daily by `npm run supervision:digest` (scripts/supervision-digest.ts).
import type { Transporter } from "nodemailer";
import { recordAuditEvent } from "@/lib/audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fill } from "@/lib/i18n/fill";
import { supervisionZhCN } from "@/lib/i18n/messages/supervision";
import { ensureCalendarTable } from "./calendar-table";
import { readCardSettings } from "./card-settings";
import { type Card, computeCards } from "./card-sql";
import { remainingText } from "./card-views";
import { supervisedMonth, supervisionToday } from "./today";
import { maskedContactEmail, openContactEmail, sealSentTo } from "./unit-contact";

export type DigestResult = {
  asOf: string;
  sent: Array<{ unitCode: string; to: string; red: number; yellow: number }>;
  /** Units with new cards but no contact address. */
  withoutAddress: string[];
  failed: Array<{ unitCode: string; error: string }>;
};

export type DigestOptions = { transport: Pick<Transporter, "sendMail">; from: string; asOf?: string };

export function digestMail(unitName: string, asOf: string, cards: readonly Card[]): { subject: string; text: string } {
  const t = supervisionZhCN;
  const red = cards.filter((c) => c.level === "RED").length;
  const subject = fill(t.digest.subject, { unit: unitName, red, yellow: cards.length - red, date: asOf });
  const lines = cards.map((c) =>
    fill(t.digest.line, {
      level: c.level === "RED" ? t.red : t.yellow,
      caseNo: c.caseNo,
      item: c.itemCode,
      acceptedAt: c.acceptedAt,
      remaining: remainingText(c, t.warnings),
    }),
  );
  return {
    subject,
    text: [fill(t.digest.intro, { unit: unitName, date: asOf }), "", ...lines, "", t.digest.footer].join("\n"),
  };
}

export async function sendDailyDigest(db: PrismaClient, options: DigestOptions): Promise<DigestResult> {
  const asOf = options.asOf ?? supervisionToday();
  const month = supervisedMonth(asOf);
  await ensureCalendarTable(db, { force: true });
  const settings = await readCardSettings(db);
  const cards = await computeCards(db, { month, asOf, settings, current: options.asOf === undefined });
  const result: DigestResult = { asOf, sent: [], withoutAddress: [], failed: [] };
  if (cards.length === 0) return result;
  const announced = await db.$queryRawUnsafe<Array<{ caseNo: string; level: string }>>(
    `SELECT "caseNo", "level"::text AS "level" FROM "CardNotice" WHERE "caseNo" = ANY($1::text[])`,
    cards.map((c) => c.caseNo),
  );
  const seen = new Set(announced.map((a) => `${a.caseNo}:${a.level}`));
  const fresh = cards.filter((c) => !seen.has(`${c.caseNo}:${c.level}`));
  const byUnit = new Map<number, Card[]>();
  for (const c of fresh) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
  const units = await db.unit.findMany({
    where: { id: { in: [...byUnit.keys()] } },
    select: { id: true, code: true, name: true, contactEmail: true },
    orderBy: [{ kind: "asc" }, { sortOrder: "asc" }],
  });
  for (const unit of units) {
    const unitCards = byUnit.get(unit.id) ?? [];
    const to = openContactEmail(unit.id, unit.contactEmail);
    if (!to) {
      result.withoutAddress.push(unit.code);
      continue;
    }
    const mail = digestMail(unit.name, asOf, unitCards);
    try {
      await options.transport.sendMail({ from: options.from, to, ...mail });
    } catch (error) {
      result.failed.push({ unitCode: unit.code, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const red = unitCards.filter((c) => c.level === "RED").length;
    await db.$transaction(async (tx) => {
      await tx.cardNotice.createMany({
        data: unitCards.map((c) => ({
          caseNo: c.caseNo,
          level: c.level,
          month: new Date(`${c.month}-01T00:00:00Z`),
          unitId: unit.id,
          sentTo: sealSentTo(unit.id, to),
        })),
        skipDuplicates: true,
      });
      await recordAuditEvent(tx, {
        actorId: null,
        action: "supervision.digest",
        month,
        targetType: "Unit",
        targetId: unit.code,
        details: {
          to: maskedContactEmail(to),
          asOf,
          red,
          yellow: unitCards.length - red,
          cases: unitCards.map((c) => c.caseNo),
        },
      });
    });
    result.sent.push({ unitCode: unit.code, to, red, yellow: unitCards.length - red });
  }
  return result;
}
