"use client";

// The 回告 cell of a red card: its answer state, a link to the answer when there is one, and for
// the card's own unit the button that opens the answer (the rectification capability's task page).
// The buttons of every row submit one form (RedCardAnswerForm, drawn once beside the table): a form
// per red row repeated React's action fields and its own action state on each of them (204 red
// rows for 市公安局). Their looks are one rule each in globals.css (.card-table).
import Link from "@/components/ui/locale-link";
import type { FormState } from "@/lib/action-client/form-state";
import { fill } from "@/lib/i18n/fill";
import type { SupervisionMessages } from "@/lib/i18n/messages/supervision";

export type RedCardAnswerState = { state: "unanswered" | "answered" | "returned" | "closed"; taskId: number | null };

/** The id of the one 回告 form of the page: the rows' buttons name it in their `form` attribute. */
export const ANSWER_FORM_ID = "red-card-answer";

export function RedCardAnswer({
  caseNo,
  answer,
  canAnswer,
  pending,
  w,
}: {
  caseNo: string;
  answer: RedCardAnswerState;
  canAnswer: boolean;
  /** The form is submitting (any row's): every button waits. */
  pending: boolean;
  w: SupervisionMessages["warnings"];
}) {
  const mustAnswer = answer.state === "unanswered" || answer.state === "returned";
  return (
    <div data-answer-state={answer.state}>
      <span>{w.answerStates[answer.state]}</span>
      {canAnswer && mustAnswer ? (
        // The pressed button's name and value join the form's data (the case; the form has the month).
        <button
          type="submit"
          form={ANSWER_FORM_ID}
          name="caseNo"
          value={caseNo}
          disabled={pending}
          aria-label={fill(w.answerActionLabel, { caseNo })}
          data-testid="answer-red-card"
        >
          {w.answerAction}
        </button>
      ) : (
        answer.taskId !== null && <Link href={`/rectification/tasks/${answer.taskId}`}>{w.answerOpen}</Link>
      )}
    </div>
  );
}

/**
 * The one 回告 form: the month, and the message of the last answer that failed, naming its case
 * (hidden while the next one is pending). Sticky at the foot of the window while the table is in
 * view, so that the message is seen from whichever row was pressed; the live region is always
 * there, so that its message is read out.
 */
export function RedCardAnswerForm({
  month,
  action,
  state,
  pending,
  caseNo,
  onCase,
  w,
}: {
  month: string;
  action: (formData: FormData) => void;
  state: FormState;
  pending: boolean;
  /** The case of the last submission (the pressed button's value). */
  caseNo: string | null;
  onCase: (caseNo: string | null) => void;
  w: SupervisionMessages["warnings"];
}) {
  return (
    <form
      id={ANSWER_FORM_ID}
      action={action}
      className="sticky bottom-2"
      onSubmit={(e) => {
        const submitter = (e.nativeEvent as SubmitEvent).submitter;
        onCase(submitter instanceof HTMLButtonElement ? submitter.value : null);
      }}
    >
      <input type="hidden" name="month" value={month} />
      <div aria-live="assertive" aria-atomic="true">
        {state.message && !pending && (
          <p
            className={`mt-2 rounded px-3 py-2 text-sm shadow ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-rose-50 text-rose-700"}`}
            data-testid="form-message"
            data-case-no={caseNo ?? undefined}
          >
            {caseNo ? fill(w.answerMessage, { caseNo, message: state.message }) : state.message}
          </p>
        )}
      </div>
    </form>
  );
}
