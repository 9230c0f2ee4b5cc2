// The tasks as a table: each opens its history. Units' names are data (lang="zh-CN" on an
// English page); problems, statuses and flags are in the page's language.
import Link from "@/components/ui/locale-link";
import type { Messages } from "@/lib/i18n/messages";
import { nameLang } from "@/lib/i18n/punctuation";
import { type TaskRow, taskFlags, taskSubject } from "@/lib/rectification/server";

const STATUS_TONE: Record<TaskRow["status"], string> = {
  OPEN: "bg-amber-100 text-amber-900",
  ANSWERED: "bg-sky-100 text-sky-900",
  RETURNED: "bg-rose-100 text-rose-900",
  CLOSED: "bg-emerald-100 text-emerald-900",
  WITHDRAWN: "bg-slate-100 text-slate-700",
};

export function TaskTable({
  rows,
  t,
  locale,
  showUnit = true,
}: {
  rows: readonly TaskRow[];
  t: Messages["rectification"];
  locale: "zh-CN" | "en";
  showUnit?: boolean;
}) {
  const c = t.columns;
  const zh = nameLang(locale);
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t.none}</p>;
  return (
    // A table wider than a phone scrolls in a region a keyboard can reach and a reader can name.
    <section className="overflow-x-auto" tabIndex={0} aria-label={t.columns.task}>
      {/* Wide enough for its nine columns: on a phone it scrolls rather than breaking words letter by letter. */}
      <table className="min-w-full border-collapse text-sm max-sm:min-w-[46rem]" data-testid="task-table">
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th className="px-2 py-2">{c.task}</th>
            <th className="px-2 py-2">{c.month}</th>
            {showUnit && <th className="px-2 py-2">{c.unit}</th>}
            <th className="px-2 py-2">{c.problem}</th>
            <th className="px-2 py-2">{c.figure}</th>
            <th className="px-2 py-2">{c.due}</th>
            <th className="px-2 py-2">{c.status}</th>
            <th className="px-2 py-2">{c.flags}</th>
            <th className="px-2 py-2">{c.answers}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              className="border-b border-slate-200"
              data-task={row.id}
              data-unit={row.unitCode ?? "city"}
              data-problem={row.problemKind ?? ""}
              data-status={row.status}
            >
              <td className="px-2 py-2">
                <Link
                  href={`/rectification/tasks/${row.id}`}
                  className="inline-block min-h-6 min-w-6 text-brand-700 underline"
                >
                  #{row.id}
                </Link>
              </td>
              <td className="px-2 py-2 whitespace-nowrap">{row.month}</td>
              {showUnit && (
                <td className="px-2 py-2" lang={row.unitName ? zh : undefined}>
                  {row.unitName ?? t.administration}
                </td>
              )}
              <td className="px-2 py-2">{taskSubject(row, t)}</td>
              <td className="px-2 py-2 whitespace-nowrap" data-field="figure">
                {row.figure ?? "—"}
              </td>
              <td className="px-2 py-2 whitespace-nowrap">{row.dueDate}</td>
              <td className="px-2 py-2">
                <span className={`rounded px-2 py-0.5 text-xs ${STATUS_TONE[row.status]}`}>
                  {t.statuses[row.status]}
                </span>
              </td>
              <td className="px-2 py-2 text-xs text-rose-800" data-field="flags">
                {taskFlags(row, t).join(" · ")}
              </td>
              <td className="px-2 py-2 text-right">{row.answers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
