"use server";

// The admin's forms for the daily feed (/admin/daily): create a machine token (shown once),
// revoke one, close a month. Admin only (data.manage, checked again here); each write and its
// audit event are one transaction (tokens.ts, month-to-date.ts).
import { revalidatePath, updateTag } from "next/cache";
import { z } from "zod";
import { formAction, INVALID_INPUT } from "@/lib/action-client/form-action";
import { SUPERVISION_CARDS_TAG } from "@/lib/cache/cache-tags";
import { expireReportData } from "@/lib/cache/expire-report-data";
import { prisma } from "@/lib/db";
import { fill } from "@/lib/i18n/messages";
import { forgetCardReads } from "../../cards/brief-memo";
import { closeMonth, MonthClosedError } from "../month-to-date";
import { createApiToken, revokeApiToken, TOKEN_SCOPES } from "../tokens";

const PAGE = "/admin/daily";

export const createTokenAction = formAction(
  "data.manage",
  {
    schema: ({ dailyFeed: { tokens: t } }) =>
      z.object({
        name: z.string().trim().min(1, t.nameRequired).max(60, t.nameRequired),
        scope: z.enum(TOKEN_SCOPES, t.scopeInvalid),
      }),
  },
  async ({ name, scope }, viewer, { messages: { dailyFeed: t } }) => {
    const { token } = await createApiToken(prisma, { name, scope, actorId: viewer.userId });
    revalidatePath(PAGE);
    // Shown once: the page keeps it only in this answer, never in the database or a URL.
    return { ok: true, message: fill(t.tokens.created, { name }), values: { token } };
  },
);

export const revokeTokenAction = formAction(
  "data.manage",
  { schema: z.object({ id: z.coerce.number().int().positive() }), invalid: INVALID_INPUT },
  async ({ id }, viewer, { messages: { dailyFeed: t } }) => {
    const revoked = await revokeApiToken(prisma, { id, actorId: viewer.userId });
    if (!revoked) return { message: t.tokens.notFound };
    revalidatePath(PAGE);
    return { ok: true, message: fill(t.tokens.revokedDone, { name: revoked.name }) };
  },
);

export const closeMonthAction = formAction(
  "data.manage",
  { schema: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }), invalid: INVALID_INPUT },
  async ({ month }, viewer, { messages: { dailyFeed: t } }) => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("DATABASE_URL is not set");
    try {
      const closed = await closeMonth(prisma, { databaseUrl, month, actorId: viewer.userId });
      await expireReportData();
      // The month's open cases are its closed version now: the cards' memo and cached pages go.
      forgetCardReads();
      updateTag(SUPERVISION_CARDS_TAG);
      revalidatePath("/", "layout");
      return { ok: true, message: fill(t.close.done, { month, version: closed.versionNumber, cases: closed.cases }) };
    } catch (error) {
      if (error instanceof MonthClosedError) return { message: fill(t.close.notOpen, { month }) };
      throw error;
    }
  },
);
