// A brief per-process memo for the cards' reads: the header count is asked on every page and the
// board by every official, while the cards change only with a feed batch, a setting or the day.
// Each entry lives TTL_MS (the staleness the 预警 pages accept, said in docs/supervision-cards.md);
// the promise itself is kept, so concurrent askers share one query; a failed read is not kept.
const TTL_MS = 30_000;
const MAX_ENTRIES = 2_000;

type Entry = { at: number; value: Promise<unknown> };
const store = globalThis as unknown as { supervisionMemo?: Map<string, Entry> };

export function briefly<T>(key: string, read: () => Promise<T>, now: number = Date.now()): Promise<T> {
  const memo = (store.supervisionMemo ??= new Map());
  const hit = memo.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  if (memo.size >= MAX_ENTRIES) memo.clear();
  const value = read();
  memo.set(key, { at: now, value });
  value.catch(() => memo.delete(key));
  return value;
}

/** After a setting is saved: the next read computes afresh. */
export function forgetCardReads(): void {
  store.supervisionMemo?.clear();
}
