"use client";

// The 回告 cell of a red card: its answer state, a link to the answer when there is one, and for
// the card's own unit the button that opens the answer (the rectification capability's task page).
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import Link from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { fill } from "@/lib/i18n/fill";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";
import { answerRedCardAction } from "@/lib/supervision/cards/actions/answer-red-card";

export type RedCardAnswerState = { state: "unanswered" | "answered" | "returned" | "closed"; taskId: number | null };

export function RedCardAnswer({
  caseNo,
  month,
  answer,
  canAnswer,
  w,
}: {
  caseNo: string;
  month: string;
  answer: RedCardAnswerState;
  canAnswer: boolean;
  w: SupervisionMessages["warnings"];
}) {
  const [state, action, pending] = useActionState<FormState, FormData>(answerRedCardAction, {});
  const label = w.answerStates[answer.state];
  const mustAnswer = answer.state === "unanswered" || answer.state === "returned";
  return (
    <div className="flex flex-wrap items-center gap-2" data-answer-state={answer.state}>
      <span className={mustAnswer ? "font-semibold text-rose-700" : "text-slate-700"}>{label}</span>
      {canAnswer && mustAnswer ? (
        <form action={action}>
          <input type="hidden" name="caseNo" value={caseNo} />
          <input type="hidden" name="month" value={month} />
          <button
            type="submit"
            disabled={pending}
            aria-label={fill(w.answerActionLabel, { caseNo })}
            className="min-h-6 rounded bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
            data-testid="answer-red-card"
          >
            {w.answerAction}
          </button>
          <FormMessage state={state} />
        </form>
      ) : (
        answer.taskId !== null && (
          <Link
            href={`/rectification/tasks/${answer.taskId}`}
            className="inline-block min-h-6 py-0.5 text-brand-700 underline hover:no-underline"
          >
            {w.answerOpen}
          </Link>
        )
      )}
    </div>
  );
}
