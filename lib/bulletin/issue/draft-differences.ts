// What a draft changes from the issued bulletin: which inputs moved (data version, thresholds,
// free texts) and the lines of the bulletin (annexes included) that differ. Pure.
import { type Bulletin, bulletinPlainText } from "@/lib/bulletin/build";

export type DraftDifferences = {
  /** Nothing differs: the draft is the issued bulletin. */
  none: boolean;
  dataVersion: { issued: number; draft: number } | null;
  settingsChanged: boolean;
  textsChanged: boolean;
  /** Lines of the issued bulletin the draft no longer has, and lines only the draft has, in reading order. */
  removed: string[];
  added: string[];
};

const stable = (value: unknown) => JSON.stringify(value, Object.keys((value ?? {}) as object).sort());

export function draftDifferences(
  issued: { document: Bulletin; versionNumber: number; settings: unknown; texts: unknown },
  draft: { document: Bulletin; versionNumber: number; settings: unknown; texts: unknown },
): DraftDifferences {
  // The edition line ("第2版。更正说明：…") belongs to the issue, not to the content.
  const isEditionLine = (line: string) => /^第\d+版。更正说明：/.test(line);
  const before = bulletinPlainText(issued.document, { annexes: true })
    .split("\n")
    .filter((l) => !isEditionLine(l));
  const after = bulletinPlainText(draft.document, { annexes: true }).split("\n");
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const afterCount = count(after);
  const beforeCount = count(before);
  const removed = before.filter((line) => {
    const n = afterCount.get(line) ?? 0;
    if (n > 0) afterCount.set(line, n - 1);
    return n === 0;
  });
  const added = after.filter((line) => {
    const n = beforeCount.get(line) ?? 0;
    if (n > 0) beforeCount.set(line, n - 1);
    return n === 0;
  });
  const dataVersion =
    issued.versionNumber === draft.versionNumber ? null : { issued: issued.versionNumber, draft: draft.versionNumber };
  const settingsChanged = JSON.stringify(issued.settings) !== JSON.stringify(draft.settings);
  const textsChanged = stable(issued.texts) !== stable(draft.texts);
  return {
    none: removed.length === 0 && added.length === 0,
    dataVersion,
    settingsChanged,
    textsChanged,
    removed,
    added,
  };
}
