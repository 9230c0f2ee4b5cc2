// Matching what a reader types against the units' search entries: runs in the browser
// (components/ui/unit-search.tsx). Kept apart from lib/dashboard/unit-search/unit-search.ts, which builds
// the entries with pinyin-pro's dictionary on the server, so the dictionary (hundreds of kB)
// never reaches the browser's bundle.

export type UnitSearchEntry = {
  code: string;
  name: string;
  kind: "DEPARTMENT" | "DISTRICT";
  /** Other names it is known by (upload aliases). */
  aliases: string[];
  /** Lower-case initials of the name, e.g. "sgaj". */
  initials: string;
  /** Lower-case full pinyin without spaces or tones, e.g. "shigonganju". */
  spelled: string;
};

/** True when every character of `query` appears in `text` in order. */
function isSubsequence(query: string, text: string): boolean {
  let at = 0;
  for (const char of text) if (char === query[at]) at += 1;
  return at >= query.length;
}

/** How well an entry matches (lower is better), or null for no match. */
function scoreOf(entry: UnitSearchEntry, query: string): number | null {
  const names = [entry.name, ...entry.aliases];
  if (names.includes(query)) return 0;
  if (names.some((n) => n.startsWith(query))) return 1;
  if (names.some((n) => n.includes(query))) return 2;
  if (/^[a-z]+$/.test(query)) {
    if (entry.initials.startsWith(query) || entry.initials.slice(1).startsWith(query)) return 3;
    if (entry.initials.includes(query)) return 4;
    if (entry.spelled.startsWith(query) || entry.spelled.includes(query)) return 5;
    return null;
  }
  // An abbreviation of two or more characters: 市人社局, 人社.
  if ([...query].length >= 2 && isSubsequence(query, entry.name)) return 6;
  return null;
}

/** The entries matching `raw`, best first (ties in the given order), at most `limit`. */
export function searchUnits(entries: readonly UnitSearchEntry[], raw: string, limit = 8): UnitSearchEntry[] {
  const query = raw.trim().toLowerCase().replace(/\s+/g, "");
  if (!query) return [];
  return entries
    .map((entry, index) => ({ entry, index, score: scoreOf(entry, query) }))
    .filter((m): m is { entry: UnitSearchEntry; index: number; score: number } => m.score !== null)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, limit)
    .map((m) => m.entry);
}
