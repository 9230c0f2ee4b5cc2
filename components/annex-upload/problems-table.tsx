// Problems of an upload, as text (never HTML: a found value may hold markup): errors first
// and apart (they refuse the file), then warnings (to acknowledge), then notes (nothing to
// do), each group with a count per kind of problem.

import { fill, type Locale, type Messages } from "@/lib/i18n/messages";
import { marks, nameLang, withNote } from "@/lib/i18n/punctuation";
import type { Severity, ValidationProblem } from "@/lib/validation";

const SEVERITIES: Severity[] = ["error", "warning", "info"];
const ROW_CLASS: Record<Severity, string> = { error: "bg-rose-50", warning: "bg-amber-50", info: "bg-slate-50" };
const BOX_CLASS: Record<Severity, string> = {
  error: "border-rose-400 bg-rose-50 text-rose-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  info: "border-slate-200 bg-slate-50 text-slate-700",
};

/** "主动评价率高于100% 3 个；办理提速率为负数 2 个": how many of each kind, most first. */
export function countsByKind(
  problems: readonly ValidationProblem[],
  label: (code: string) => string,
  template: string,
  separator = "；",
): string {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => fill(template, { label: label(code), count }))
    .join(separator);
}

export function ProblemsTable({
  t,
  figures,
  problems,
  locale = "zh-CN",
}: {
  t: Messages["upload"];
  figures: Messages["figures"];
  problems: ValidationProblem[];
  locale?: Locale;
}) {
  // What comes from the file (its name, sheet, column headings, cells) is quoted as it is.
  const zh = nameLang(locale);
  const kinds = figures.problemKinds;
  if (problems.length === 0) return <p className="text-sm text-emerald-700">{t.noProblems}</p>;
  const c = t.problemColumns;
  const label = (code: string) => (figures.problemCodes as Record<string, string>)[code] ?? code;
  return (
    <div className="space-y-4" data-testid="problems">
      {SEVERITIES.map((severity) => {
        const group = problems.filter((p) => p.severity === severity);
        if (group.length === 0) return null;
        return (
          <section
            key={severity}
            className={`rounded-md border p-3 ${BOX_CLASS[severity]}`}
            data-severity-group={severity}
            data-count={group.length}
          >
            <h3 className="font-semibold">{fill(kinds[`${severity}Lead`], { count: group.length })}</h3>
            <p className="mt-1 text-xs" data-kind-counts>
              {countsByKind(group, label, kinds.perKind, marks(locale).semicolon)}
            </p>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="bg-white/60">
                  <tr>
                    {[c.severity, c.file, c.sheet, c.row, c.column, c.found, c.expected, c.message].map((h) => (
                      <th key={h} className="px-2 py-1">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {group.map((p, i) => (
                    <tr
                      key={i}
                      className={`border-t border-slate-100 ${ROW_CLASS[severity]}`}
                      data-code={p.code}
                      data-severity={p.severity}
                    >
                      <td className="px-2 py-1 whitespace-nowrap">{kinds[severity]}</td>
                      <td className="px-2 py-1" lang={zh}>
                        {p.file}
                      </td>
                      <td className="px-2 py-1" lang={zh}>
                        {p.sheet ?? ""}
                      </td>
                      <td className="px-2 py-1">{p.row ?? ""}</td>
                      <td className="px-2 py-1 whitespace-nowrap">
                        {p.column ? withNote(p.column.letter, p.column.label, locale) : ""}
                      </td>
                      <td className="px-2 py-1 font-mono" lang={zh}>
                        {p.found ?? ""}
                      </td>
                      <td className="px-2 py-1">{p.expected ?? ""}</td>
                      <td className="px-2 py-1">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
