import { fill, type Messages } from "@/lib/i18n/messages";
import type { Diff } from "@/lib/month-versions/diff-versions";

export function DiffTable({
  t,
  fieldLabel,
  diff,
}: {
  t: Messages["upload"];
  fieldLabel: (field: string) => string;
  diff: Diff;
}) {
  const total = diff.changes.length + diff.added.length + diff.removed.length + diff.summaries.length;
  return (
    <div className="space-y-2" data-testid="diff">
      <p className="text-sm">
        {total === 0
          ? t.diffEmpty
          : fill(t.diffSummary, {
              changes: diff.changes.length + diff.summaries.length,
              added: diff.added.length,
              removed: diff.removed.length,
              unchanged: diff.unchangedUnits,
            })}
      </p>
      {total > 0 && (
        <div className="max-h-96 overflow-auto">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-slate-100">
              <tr>
                <th className="px-2 py-1">{t.diffColumns.unit}</th>
                <th className="px-2 py-1">{t.diffColumns.field}</th>
                <th className="px-2 py-1 text-right">{t.diffColumns.before}</th>
                <th className="px-2 py-1 text-right">{t.diffColumns.after}</th>
              </tr>
            </thead>
            <tbody>
              {diff.added.map((u) => (
                <tr key={`a-${u.unitCode}`} className="border-t border-slate-100 bg-emerald-50">
                  <td className="px-2 py-1">{u.unitName}</td>
                  <td className="px-2 py-1">+</td>
                  <td />
                  <td />
                </tr>
              ))}
              {diff.removed.map((u) => (
                <tr key={`r-${u.unitCode}`} className="border-t border-slate-100 bg-rose-50">
                  <td className="px-2 py-1">{u.unitName}</td>
                  <td className="px-2 py-1">−</td>
                  <td />
                  <td />
                </tr>
              ))}
              {diff.changes.map((c, i) => (
                <tr key={i} className="border-t border-slate-100" data-unit={c.unitCode} data-field={c.field}>
                  <td className="px-2 py-1">{c.unitName}</td>
                  <td className="px-2 py-1">{fieldLabel(c.field)}</td>
                  <td className="px-2 py-1 text-right font-mono">{c.before ?? "—"}</td>
                  <td className="px-2 py-1 text-right font-mono">{c.after ?? "—"}</td>
                </tr>
              ))}
              {diff.summaries.map((c, i) => (
                <tr key={`s-${i}`} className="border-t border-slate-100">
                  <td className="px-2 py-1">{t.scopes[c.scope as "CITY"] ?? c.scope}</td>
                  <td className="px-2 py-1">{fieldLabel(c.field)}</td>
                  <td className="px-2 py-1 text-right font-mono">{c.before ?? "—"}</td>
                  <td className="px-2 py-1 text-right font-mono">{c.after ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
