"use client";
// On a unit's page, for that unit's own users: its tasks waiting for an answer, each a link to
// the task. Other viewers (and other units' users) see nothing here.
import Link from "@/components/ui/locale-link";
import { useViewer } from "@/components/ui/use-viewer";
import type { Messages } from "@/lib/i18n/messages";
import { useWaiting } from "./waiting";

export function OwnTasksPanel({ unitCode, t }: { unitCode: string; t: Messages["rectification"] }) {
  const viewer = useViewer();
  const own = viewer?.role === "DEPARTMENT" && viewer.unitCode === unitCode;
  const waiting = useWaiting(own, true);
  if (!own || !waiting || waiting.tasks.length === 0) return null;
  return (
    <section
      className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 print:hidden"
      aria-labelledby="own-tasks-heading"
      data-testid="own-tasks"
    >
      <h2 id="own-tasks-heading" className="font-semibold text-amber-900">
        {t.ownPanelTitle}
      </h2>
      <ul className="space-y-1 text-sm">
        {waiting.tasks.map((task) => (
          <li key={task.id} data-task={task.id}>
            <Link href={`/rectification/tasks/${task.id}`} className="inline-block min-h-6 text-brand-700 underline">
              {task.month}{" "}
              {task.kind === "RED_CARD"
                ? `${t.kinds.RED_CARD} ${task.caseNo ?? ""}`
                : ((t.problems as Record<string, string>)[task.problemKind ?? ""] ?? task.problemKind)}
              {task.figure ? ` ${task.figure}` : ""}
            </Link>{" "}
            <span className="text-slate-700">
              {t.statuses[task.status]} · {t.columns.due} {task.dueDate}
              {task.overdueUnanswered ? ` · ${t.flags.overdueUnanswered}` : ""}
            </span>
          </li>
        ))}
      </ul>
      <Link href="/rectification" className="inline-block min-h-6 text-sm text-brand-700 underline">
        {t.ownPanelMore}
      </Link>
    </section>
  );
}
