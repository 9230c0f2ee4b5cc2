// What a draft changes from the issued bulletin: the inputs that moved and the lines that differ.

import type { DraftDifferences } from "@/lib/bulletin/issue/draft-differences";
import { fill, type Messages } from "@/lib/i18n/messages";

export function DraftDifferencesList({
  differences,
  edition,
  t,
}: {
  differences: DraftDifferences;
  edition: number;
  t: Messages;
}) {
  const i = t.figures.issue;
  if (differences.none)
    return (
      <p className="text-sm text-slate-700" data-testid="draft-same">
        {fill(i.draftSame, { edition })}
      </p>
    );
  return (
    <section
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
      data-testid="draft-differences"
    >
      <h2 className="font-semibold text-slate-900">{i.differences}</h2>
      <ul className="list-disc pl-5 text-slate-800">
        {differences.dataVersion && <li data-difference="data">{fill(i.dataChanged, differences.dataVersion)}</li>}
        {differences.settingsChanged && <li data-difference="settings">{i.settingsChanged}</li>}
        {differences.textsChanged && <li data-difference="texts">{i.textsChanged}</li>}
      </ul>
      {differences.removed.length > 0 && (
        <div>
          <h3 className="font-medium text-rose-800">{i.removed}</h3>
          <ul className="mt-1 space-y-1" data-testid="draft-removed">
            {differences.removed.map((line, k) => (
              <li key={k} className="rounded bg-rose-100 px-2 py-1 text-rose-900">
                <del>{line}</del>
              </li>
            ))}
          </ul>
        </div>
      )}
      {differences.added.length > 0 && (
        <div>
          <h3 className="font-medium text-emerald-800">{i.added}</h3>
          <ul className="mt-1 space-y-1" data-testid="draft-added">
            {differences.added.map((line, k) => (
              <li key={k} className="rounded bg-emerald-100 px-2 py-1 text-emerald-900">
                <ins className="no-underline">{line}</ins>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
