// One 整改 task: what the bulletin named, its due date and flags, its history (every answer, its
// evidence and its review), and the form the viewer may use: the unit's answer, or the review.
// A task the viewer may not see is answered as one that does not exist (404).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AnswerForm } from "@/components/rectification/answer-form";
import { ReviewForm } from "@/components/rectification/review-form";
import { TaskChanged } from "@/components/rectification/task-changed";
import { fillNodes } from "@/components/ui/fill-nodes";
import Link from "@/components/ui/locale-link";
import { requirePagePermission } from "@/lib/access/guard";
import { idParam } from "@/lib/http/route-params";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageMessages } from "@/lib/i18n/page-locale";
import { marks, nameLang } from "@/lib/i18n/punctuation";
import { canAnswerTask, canReviewTask, chinaTime, getTask, taskFlags, taskSubject } from "@/lib/rectification/server";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  return { title: fill((await getPageMessages()).rectification.task.heading, { id: idParam(id) ?? "" }) };
}

// Beijing time: the ISO string is UTC, and 22:53 in Dazhou read as 14:53.
const time = (iso: string) => (iso ? chinaTime(new Date(iso)) : "");

export default async function TaskPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const viewer = await requirePagePermission("rectification.view", `/rectification/tasks/${raw}`);
  const id = idParam(raw);
  if (id === null) notFound();
  const task = await getTask(viewer, id);
  if (!task) notFound();
  const { t: messages, locale } = await pageMessages();
  const t = messages.rectification;
  const k = t.task;
  const zh = nameLang(locale);
  const colon = marks(locale).colon;
  const open = task.status !== "CLOSED" && task.status !== "WITHDRAWN";
  const mayAnswer = open && canAnswerTask(viewer, task);
  const mayReview = task.status === "ANSWERED" && canReviewTask(viewer);
  const flags = taskFlags(task, t);
  const entry = (label: string, value: string | null) =>
    value ? (
      <div>
        <dt className="font-medium text-slate-700">{label}</dt>
        <dd className="whitespace-pre-wrap" lang={zh}>
          {value}
        </dd>
      </div>
    ) : null;

  return (
    <div className="space-y-5" data-testid="task-page" data-status={task.status} data-version={task.version}>
      <TaskChanged version={task.version} />
      <Link href="/rectification" className="inline-block min-h-6 text-sm text-brand-700 underline">
        {k.back}
      </Link>
      <h1 className="text-xl font-bold">{fill(k.heading, { id: task.id })}</h1>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t.columns.unit}</dt>
          <dd lang={task.unitName ? zh : undefined} data-testid="task-unit">
            {task.unitName ?? t.administration}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t.columns.problem}</dt>
          <dd data-testid="task-problem">{taskSubject(task, t)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{k.month}</dt>
          <dd>
            {task.month}
            {task.edition ? ` · ${fill(k.edition, { edition: task.edition })}` : ""}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t.columns.figure}</dt>
          <dd data-testid="task-figure">{task.figure ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t.columns.due}</dt>
          <dd data-testid="task-due">{task.dueDate}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t.columns.status}</dt>
          <dd data-testid="task-status">
            {t.statuses[task.status]}
            {flags.length > 0 && <span className="ml-2 text-rose-800">{flags.join(" · ")}</span>}
          </dd>
        </div>
        {task.withdrawnReason && (
          // A dd needs its dt (axe: dlitem); the reason is the correction note as written.
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{fill(k.withdrawn, { reason: "" })}</dt>
            <dd lang={zh}>{task.withdrawnReason}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="history" className="space-y-3">
        <h2 id="history" className="font-semibold">
          {k.history}
        </h2>
        {task.answerList.length === 0 && <p className="text-sm text-slate-600">{k.noAnswers}</p>}
        <ol className="space-y-3" data-testid="task-history">
          {task.answerList.map((a) => (
            <li
              key={a.id}
              className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
              data-answer={a.seq}
              data-decision={a.decision ?? ""}
            >
              <p className="font-medium">
                {fill(k.answerSeq, { seq: a.seq })} ·{" "}
                <span className="font-normal text-slate-700">
                  {fillNodes(k.submittedBy, {
                    name: <span lang={zh}>{a.submittedBy ?? "—"}</span>,
                    at: time(a.submittedAt),
                  })}
                </span>
              </p>
              <dl className="space-y-1">
                {entry(k.found, a.found)}
                {entry(k.done, a.done)}
                {entry(k.planned, a.planned)}
                {a.plannedBy && (
                  <div>
                    <dt className="font-medium text-slate-700">{k.plannedBy}</dt>
                    <dd>{a.plannedBy}</dd>
                  </div>
                )}
                {a.reason && (
                  <div>
                    <dt className="font-medium text-slate-700">{k.reason}</dt>
                    <dd>{(t.reasons as Record<string, string>)[a.reason] ?? a.reason}</dd>
                  </div>
                )}
                {entry(k.text, a.text)}
              </dl>
              {a.attachments.length > 0 && (
                <div>
                  <span className="font-medium text-slate-700">
                    {k.attachments}
                    {colon}
                  </span>
                  <ul className="ml-4 list-disc">
                    {a.attachments.map((f) => (
                      <li key={f.id}>
                        <a
                          href={`/api/rectification/attachments/${f.id}`}
                          className="text-brand-700 underline"
                          data-testid="attachment-link"
                          lang={zh}
                        >
                          {f.fileName}
                        </a>{" "}
                        <span className="text-xs text-slate-600">
                          {Math.ceil(f.size / 1024)} KB · SHA-256 {f.sha256.slice(0, 12)}…
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {a.decision && (
                <div
                  className={`rounded px-3 py-2 ${a.decision === "CLOSED" ? "bg-emerald-50 text-emerald-900" : "bg-rose-50 text-rose-900"}`}
                  data-testid="review-result"
                >
                  <p>
                    {t.statuses[a.decision]} ·{" "}
                    {fillNodes(k.reviewedBy, {
                      name: <span lang={zh}>{a.reviewedBy ?? "—"}</span>,
                      at: time(a.reviewedAt ?? ""),
                    })}
                  </p>
                  {a.comment && (
                    <p>
                      {k.comment}
                      {colon}
                      <span lang={zh}>{a.comment}</span>
                    </p>
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>

      {mayAnswer && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <AnswerForm key={task.version} taskId={task.id} version={task.version} kind={task.kind} t={t} />
        </section>
      )}
      {mayReview && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <ReviewForm key={task.version} taskId={task.id} version={task.version} t={t} />
        </section>
      )}
    </div>
  );
}
