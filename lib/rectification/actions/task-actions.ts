"use server";
// The answer (回告) and the review (销号 / 退回) as server actions (lib/action-client): permission
// from the table, fields through zod, then lib/rectification/answers.ts decides on the task's
// unit, status and version. The report pages are expired afterwards: the next month's draft
// prints the month's numbers (上月通报问题整改情况); so are the 预警 pages' cached versions, which
// show each red card's answer state (the one who answered sees it at once).
import { refresh, updateTag } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/action-client/form-action";
import { type FormState, submittedValues } from "@/lib/action-client/form-state";
import { REPORT_DATA_TAG, SUPERVISION_CARDS_TAG } from "@/lib/cache/cache-tags";
import { prisma } from "@/lib/db";
import { fill } from "@/lib/i18n/messages";
import type { Messages } from "@/lib/i18n/zh-CN";
import { MAX_COMMENT_LENGTH, MAX_MEASURE_LENGTH, reviewTask, type StepResult, submitAnswer } from "../answers";
import { checkAttachments, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "../attachments";
import { RED_CARD_REASONS } from "../red-card";

const id = z.coerce.number().int().min(1).max(2_147_483_647);
const version = z.coerce.number().int().min(0).max(2_147_483_647);

function answerSchema(t: Messages["rectification"]) {
  const text = (required: boolean) => {
    const base = z
      .string()
      .trim()
      .max(MAX_MEASURE_LENGTH, fill(t.answer.tooLong, { max: MAX_MEASURE_LENGTH }));
    return required ? base.min(1, t.answer.required) : base.optional().default("");
  };
  return z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("PROBLEM"),
      taskId: id,
      version,
      found: text(true),
      done: text(true),
      planned: text(true),
      plannedBy: z
        .string()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), t.answer.badDate),
    }),
    z.object({
      kind: z.literal("RED_CARD"),
      taskId: id,
      version,
      reason: z.enum(RED_CARD_REASONS, t.answer.required),
      text: text(false),
    }),
  ]);
}

function refusal(result: StepResult & { ok: false }, t: Messages["rectification"], formData: FormData): FormState {
  return { message: t.refusals[result.reason], values: submittedValues(formData) };
}

export const answerTaskAction = formAction(
  "rectification.answer",
  { schema: (m) => answerSchema(m.rectification) },
  async (data, viewer, { formData, messages }) => {
    const t = messages.rectification;
    const files = formData.getAll("files").filter((f): f is File => f instanceof File);
    const checked = await checkAttachments(files);
    if (!checked.ok) {
      const message = fill(t.attachments[checked.reason], {
        name: checked.fileName,
        mb: MAX_ATTACHMENT_BYTES / 1024 / 1024,
        max: MAX_ATTACHMENTS,
      });
      return { message, fieldErrors: { files: [message] }, values: submittedValues(formData) };
    }
    const result = await submitAnswer(prisma, {
      taskId: data.taskId,
      version: data.version,
      viewer,
      attachments: checked.files,
      ...(data.kind === "PROBLEM"
        ? { measures: { found: data.found, done: data.done, planned: data.planned, plannedBy: data.plannedBy } }
        : { redCard: { reason: data.reason, text: data.text } }),
    });
    if (!result.ok) return refusal(result, t, formData);
    updateTag(REPORT_DATA_TAG);
    updateTag(SUPERVISION_CARDS_TAG);
    refresh();
    return { ok: true, message: t.answer.submitted };
  },
);

const reviewSchema = z.object({
  taskId: id,
  version,
  decision: z.enum(["CLOSED", "RETURNED"]),
  comment: z.string().max(MAX_COMMENT_LENGTH).optional().default(""),
});

export const reviewTaskAction = formAction(
  "rectification.review",
  { schema: reviewSchema },
  async (data, viewer, { formData, messages }) => {
    const t = messages.rectification;
    if (data.decision === "RETURNED" && data.comment.trim() === "")
      return {
        message: t.review.commentRequired,
        fieldErrors: { comment: [t.review.commentRequired] },
        values: submittedValues(formData),
      };
    const result = await reviewTask(prisma, { ...data, viewer });
    if (!result.ok) return refusal(result, t, formData);
    updateTag(REPORT_DATA_TAG);
    updateTag(SUPERVISION_CARDS_TAG);
    refresh();
    return { ok: true, message: data.decision === "CLOSED" ? t.review.closed : t.review.returned };
  },
);
