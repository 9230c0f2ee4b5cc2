// npm run supervision:digest [-- --as-of YYYY-MM-DD]
// Sends each unit with a contact address its daily digest of new yellow and red cards, through
// the SMTP server of SMTP_URL (from SMTP_FROM), and records what was sent so that a card is
// announced once (lib/supervision/cards/digest.ts). Without SMTP_URL it sends nothing and says so.
// Run it once a day (cron, a systemd timer), after the day's feed batch.
import { parseArgs } from "node:util";
import nodemailer from "nodemailer";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { sendDailyDigest } from "@/lib/supervision";

const { values } = parseArgs({ options: { "as-of": { type: "string" } } });
const smtpUrl = process.env.SMTP_URL;
if (!smtpUrl) {
  console.log("[digest] SMTP_URL is not set: no mail sent (set it, e.g. smtp://user:pass@mail.example:587)");
  process.exit(0);
}
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("[digest] DATABASE_URL is not set");
  process.exit(2);
}
const asOf = values["as-of"];
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error("[digest] --as-of must be YYYY-MM-DD");
  process.exit(2);
}
const prisma = createPrismaClient(databaseUrl, 2);
const transport = nodemailer.createTransport(smtpUrl);
try {
  const result = await sendDailyDigest(prisma, {
    transport,
    from: process.env.SMTP_FROM ?? "noreply@localhost",
    ...(asOf ? { asOf } : {}),
  });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.failed.length > 0 ? 1 : 0;
} finally {
  transport.close();
  await prisma.$disconnect();
}
