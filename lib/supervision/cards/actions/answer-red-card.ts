"use server";

// 回告 from the 预警 list: a department opens the answer to one of its own red cards. The answer
// itself, its review (销号/退回) and their audit are the rectification capability's (one place for
// answers, issue 21): this action checks that the card is red today and the viewer's own, opens
// (or finds) the card's RED_CARD task and goes to it.
import { updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/action-client/form-action";
import { SUPERVISION_CARDS_TAG } from "@/lib/cache/cache-tags";
import { prisma } from "@/lib/db";
import { localePath } from "@/lib/i18n/locale";
import { openRedCardTask } from "@/lib/rectification";
import { getCardContext } from "../card-reads";
import { cardsForAudience } from "../scoped-cards";

const redCardSchema = z.object({
  caseNo: z.string().trim().min(1).max(64),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
});

export const answerRedCardAction = formAction(
  "rectification.answer",
  { schema: redCardSchema },
  async ({ caseNo, month }, viewer, { locale, messages }) => {
    const t = messages.supervision.warnings;
    // Only a unit answers its own red cards: viewers of every unit see the answers, not the form.
    if (viewer.role !== "DEPARTMENT" || !viewer.unitCode) return { message: t.answerNotYours };
    // Checked against the cards the 预警 page shows (its cached read of today, expired with the page
    // on every instance), not the per-process memo, which may not know a card the page already shows.
    const { asOf } = await getCardContext();
    const scoped = await cardsForAudience({ everyUnit: false, unitCode: viewer.unitCode }, {}, asOf);
    const card = scoped.ok ? scoped.all.find((c) => c.caseNo === caseNo && c.month === month) : undefined;
    if (card?.level !== "RED") return { message: t.answerNoCard };
    const opened = await openRedCardTask(prisma, { caseNo, month, unitCode: viewer.unitCode, actorId: viewer.userId });
    if ("error" in opened) return { message: t.answerNoCard };
    // The card has a task now (the 预警 pages link to it): their cached versions go.
    updateTag(SUPERVISION_CARDS_TAG);
    redirect(localePath(locale, `/rectification/tasks/${opened.id}`));
  },
);
