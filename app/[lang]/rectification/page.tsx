// 整改: a unit's own tasks, or (for officials and admins) the board of every task of a month or
// every open one, by problem and by unit, filtered and sorted in the URL, exportable to XLSX.
import type { Metadata } from "next";
import { TaskTable } from "@/components/rectification/task-table";
import { can } from "@/lib/access";
import { requirePagePermission } from "@/lib/access/guard";
import { fill } from "@/lib/i18n/messages";
import { getPageMessages, pageMessages } from "@/lib/i18n/page-locale";
import { marks } from "@/lib/i18n/punctuation";
import { PROBLEM_KINDS } from "@/lib/indicators/problems";
import { boardQueryString, getTasks, readBoardQuery, summariseTasks, type TaskRow } from "@/lib/rectification/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getPageMessages()).rectification.title };
}

const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 min-h-6";

/** Counted by lib/rectification's summariseTasks, as the next month's bulletin counts (上月通报问题整改情况). */
function counts(rows: readonly TaskRow[]) {
  const { total, closed, answered, returned, unanswered } = summariseTasks("", rows);
  return { total, closed, answered, returned, unanswered };
}

export default async function RectificationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePagePermission("rectification.view", "/rectification");
  const { t: messages, locale } = await pageMessages();
  const t = messages.rectification;
  const query = readBoardQuery(await searchParams);
  const rows = await getTasks(viewer, query);
  const board = can(viewer, "rectification.review");
  const f = t.filters;
  const colon = marks(locale).colon;
  // By problem and by unit: the board's two groupings, counted from the rows shown.
  const group = (key: (r: TaskRow) => string) => {
    const map = new Map<string, TaskRow[]>();
    for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
    return [...map];
  };
  const kinds = (["PROBLEM", "RED_CARD"] as const).filter((kind) => rows.some((r) => r.kind === kind));
  const problemName = (k: string) => (t.problems as Record<string, string>)[k] ?? t.kinds.RED_CARD;

  return (
    <div className="space-y-5">
      <h1 className="text-xl font-bold">{board ? t.boardTitle : t.unitTitle}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{board ? t.boardLead : t.unitLead}</p>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
        data-testid="board-filters"
      >
        <label className="flex flex-col gap-1">
          <span>{f.month}</span>
          <input
            name="month"
            defaultValue={query.month ?? ""}
            placeholder="2021-06"
            pattern="\d{4}-\d{2}"
            className={input}
            aria-describedby="month-hint"
          />
          <span id="month-hint" className="text-xs text-slate-600">
            {f.allOpen}
          </span>
        </label>
        <label className="flex flex-col gap-1">
          <span>{f.status}</span>
          <select name="status" defaultValue={query.status ?? ""} className={input}>
            <option value="">{f.any}</option>
            {(["OPEN", "ANSWERED", "RETURNED", "CLOSED", "WITHDRAWN"] as const).map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{f.problem}</span>
          <select name="problem" defaultValue={query.problemKind ?? ""} className={input}>
            <option value="">{f.any}</option>
            {PROBLEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.problems[k]}
              </option>
            ))}
          </select>
        </label>
        {board && (
          <label className="flex flex-col gap-1">
            <span>{f.unit}</span>
            <input name="unit" defaultValue={query.unitCode ?? ""} placeholder="d08" className={input} />
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span>{f.kind}</span>
          <select name="kind" defaultValue={query.kind ?? ""} className={input}>
            <option value="">{f.any}</option>
            <option value="PROBLEM">{t.kinds.PROBLEM}</option>
            <option value="RED_CARD">{t.kinds.RED_CARD}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{f.sort}</span>
          <select name="sort" defaultValue={query.sort ?? "unit"} className={input}>
            {(["unit", "problem", "due", "status", "consecutive"] as const).map((s) => (
              <option key={s} value={s}>
                {f.sorts[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-h-6 items-center gap-2">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdueOnly} className="h-5 w-5" />
          <span>{f.overdue}</span>
        </label>
        <button type="submit" className="min-h-6 rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white">
          {f.apply}
        </button>
        {board && (
          <a
            href={`/api/rectification/board.xlsx${boardQueryString(query)}`}
            className="inline-flex min-h-6 items-center text-brand-700 underline"
            data-testid="board-export"
          >
            {f.export}
          </a>
        )}
      </form>
      <p className="text-sm" data-testid="board-summary">
        {fill(t.summary, counts(rows))}
      </p>
      {/* Both kinds shown: each counted on its own. The bulletin's problems alone are what the next
          month's bulletin reports, so the board shows that number too. */}
      {kinds.length > 1 && (
        <ul className="space-y-1 text-sm" data-testid="board-summary-kinds">
          {kinds.map((kind) => (
            <li key={kind} data-kind={kind}>
              {t.kinds[kind]}
              {colon}
              {fill(t.summary, counts(rows.filter((r) => r.kind === kind)))}
            </li>
          ))}
        </ul>
      )}
      <TaskTable rows={rows} t={t} locale={locale} showUnit={board} />
      {board && rows.length > 0 && (
        <div className="grid gap-4 md:grid-cols-2">
          <section aria-labelledby="by-problem" className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 id="by-problem" className="mb-2 font-semibold">
              {t.byProblem}
            </h2>
            <ul className="space-y-1 text-sm" data-testid="by-problem">
              {group((r) => r.problemKind ?? "RED_CARD").map(([k, list]) => (
                <li key={k} data-problem={k}>
                  {problemName(k)}
                  {colon}
                  {fill(t.summary, counts(list))}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="by-unit" className="rounded-lg border border-slate-200 bg-white p-3">
            <h2 id="by-unit" className="mb-2 font-semibold">
              {t.byUnit}
            </h2>
            <ul className="space-y-1 text-sm" data-testid="by-unit">
              {group((r) => r.unitName ?? t.administration).map(([k, list]) => (
                <li key={k}>
                  <span lang={locale === "en" && list[0]?.unitName ? "zh-CN" : undefined}>{k}</span>
                  {colon}
                  {fill(t.summary, counts(list))}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </div>
  );
}
