// Problems of an upload, as text (never HTML: a found value may hold markup).
import type { Problem } from "@/lib/import/types";
import type { Messages } from "@/lib/i18n/messages";

export function ProblemsTable({ t, problems }: { t: Messages["upload"]; problems: Problem[] }) {
  if (problems.length === 0) return <p className="text-sm text-emerald-700">{t.noProblems}</p>;
  const c = t.problemColumns;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="problems">
        <thead className="bg-slate-100">
          <tr>
            {[c.severity, c.file, c.sheet, c.row, c.column, c.found, c.expected, c.message].map((h) => (
              <th key={h} className="px-2 py-1">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} className={`border-t border-slate-100 ${p.severity === "error" ? "bg-rose-50" : "bg-amber-50"}`} data-code={p.code} data-severity={p.severity}>
              <td className="px-2 py-1 whitespace-nowrap">{p.severity === "error" ? t.error : t.warning}</td>
              <td className="px-2 py-1">{p.file}</td>
              <td className="px-2 py-1">{p.sheet ?? ""}</td>
              <td className="px-2 py-1">{p.row ?? ""}</td>
              <td className="px-2 py-1 whitespace-nowrap">{p.column ? `${p.column.letter}（${p.column.label}）` : ""}</td>
              <td className="px-2 py-1 font-mono">{p.found ?? ""}</td>
              <td className="px-2 py-1">{p.expected ?? ""}</td>
              <td className="px-2 py-1">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
